package dev.lightbox.storage.s3;

/**
 * The blocking HTTP client under the AWS SDK. Both are light (no Netty, no event-loop threads).
 * {@code APACHE5} keeps a connection pool sized to the store's concurrency; {@code URL_CONNECTION} uses
 * the JDK's HttpURLConnection, whose keep-alive cache is global and small (system property
 * {@code http.maxConnections}, default 5), so many parallel transfers reconnect more often.
 */
public enum HttpClientKind {
  APACHE5,
  URL_CONNECTION
}
