package dev.lightbox.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.ResponseHttpFields;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer (JSON, files, errors, the gallery), so that no
 * browser guesses a type other than the one sent. Added before any handler runs, as a field that survives
 * a response reset (an error answer replaces a half-built one); Jetty's own error pages add it too.
 */
final class NoSniff implements HttpConfiguration.Customizer {
  static final HttpField FIELD = new HttpField("X-Content-Type-Options", "nosniff");
  private static final HttpField PERSISTENT = new ResponseHttpFields.PersistentHttpField(FIELD);

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    responseHeaders.add(PERSISTENT);
    return request;
  }
}
