package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.BiConsumer;

/** A minimal blocking HTTP/1.1 client for requests without a body (GET and HEAD of objects). */
interface LeanHttp extends AutoCloseable {
  /**
   * Sends {@code method} to {@code uri} with {@code headers} plus {@code Host} (the host, and the port
   * when it is not the scheme's default: what {@link #hostHeader} returns, which the caller signs).
   */
  Response send(String method, URI uri, Map<String, String> headers) throws IOException;

  @Override
  void close();

  /** An answer whose headers have arrived; its body streams. */
  interface Response {
    int status();

    /** The first value of a header, by its lower-case name, or null. */
    String header(String lowerCaseName);

    /** Every header, names in lower case. */
    void forEachHeader(BiConsumer<String, String> action);

    /** The body (empty for a HEAD); read to the end and close it so the connection is reused. */
    InputStream body();

    /** Drops the connection without reading the rest of the body. */
    void abort();
  }

  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }
}
