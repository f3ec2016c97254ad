package dev.lightbox.server.http;

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
    } else if (e.isRetryable() && status(e.kind()) >= 500) {
      ex.header("Retry-After", "1");
    }
    int status = status(e.kind());
    ex.send(status, "application/problem+json", body(status, e.getMessage()));
  }

  /** The one place where a server error's kind becomes an HTTP status. */
  public static int status(ServerException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case GONE -> 410;
      case UNSUPPORTED_OPERATION -> 405;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_FORMAT -> 415;
      case RANGE_NOT_SATISFIABLE -> 416;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 410 -> "Gone";
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
