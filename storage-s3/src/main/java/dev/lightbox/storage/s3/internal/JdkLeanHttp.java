package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@link LeanHttp} over the JDK's {@link HttpClient} (HTTP/1.1, no redirects followed). */
final class JdkLeanHttp implements LeanHttp {
  private final HttpClient client;
  private final Duration readTimeout;

  JdkLeanHttp(Duration connectTimeout, Duration readTimeout) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.readTimeout = readTimeout;
  }

  @Override
  public Response send(String method, URI uri, Map<String, String> headers) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(readTimeout);
    headers.forEach(b::header);
    HttpResponse<InputStream> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw (IOException) new InterruptedIOException("interrupted").initCause(e);
    }
    return new Response() {
      @Override
      public int status() {
        return r.statusCode();
      }

      @Override
      public String header(String name) {
        return r.headers().firstValue(name).orElse(null);
      }

      @Override
      public void forEachHeader(BiConsumer<String, String> action) {
        for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
          String name = e.getKey().toLowerCase(Locale.ROOT);
          e.getValue().forEach(v -> action.accept(name, v));
        }
      }

      @Override
      public InputStream body() {
        return r.body();
      }

      @Override
      public void abort() {
        try {
          r.body().close(); // closing before the end cancels the exchange and drops the connection
        } catch (IOException ignored) {
          // already gone
        }
      }
    };
  }

  @Override
  public void close() {
    client.shutdownNow();
  }
}
