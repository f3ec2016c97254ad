package dev.lightbox.storage.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as it reached the wire through a {@link RecordingProxy}: method, raw path and query,
 * headers (names lowercased), the body when it was small, and the status the server (or the proxy's
 * responder) answered with.
 */
public final class RecordedRequest {
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private volatile byte[] body;
  private volatile int status;

  RecordedRequest(String method, String path, String query, Map<String, List<String>> headers) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = Map.copyOf(headers);
  }

  public String method() {
    return method;
  }

  /** The raw (still percent-encoded) path, such as {@code /bucket/key}. */
  public String path() {
    return path;
  }

  /** The raw query without '?', or the empty string. */
  public String query() {
    return query;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of the header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public boolean hasHeader(String name) {
    return headers.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** True when the query has this parameter (with or without a value). */
  public boolean hasQueryParam(String name) {
    for (String part : query.split("&")) {
      if (part.equals(name) || part.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  /** The body when it was at most {@link RecordingProxy#MAX_RECORDED_BODY} bytes, else null. */
  public byte[] body() {
    return body;
  }

  public String bodyText() {
    byte[] b = body;
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  void body(byte[] body) {
    this.body = body;
  }

  /** The HTTP status of the answer, or 0 when none was seen. */
  public int status() {
    return status;
  }

  void status(int status) {
    this.status = status;
  }

  /** The whole head, for failure messages of tests. It may hold secrets: never log it outside a test. */
  public String describe() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status + " " + headers.keySet();
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query.replaceAll("(?i)(X-Amz-Signature=)[^&]*", "$1…"))
        + " -> " + status;
  }
}
