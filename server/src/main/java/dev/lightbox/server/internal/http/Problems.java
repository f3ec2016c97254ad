package dev.lightbox.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;

/** RFC 9457 problem details: {@code application/problem+json} with a title and a useful detail. */
public final class Problems {
  private Problems() {
  }

  public static byte[] body(int status, String detail) {
    ObjectNode node = Json.object();
    node.put("type", "about:blank");
    node.put("title", title(status));
    node.put("status", status);
    node.put("detail", detail);
    return Json.bytes(node);
  }

  public static void send(Exchange ex, ServerException e) {
    if (e.retryAfterSeconds() > 0) {
      ex.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    } else if (e.isRetryable() && e.kind().status() >= 500) {
      ex.header("Retry-After", "1");
    }
    ex.send(e.kind().status(), "application/problem+json", body(e.kind().status(), e.getMessage()));
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
