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

  /**
   * The detail of an error Jetty raised itself before any route ran (it chose the status: a request line or
   * headers it could not parse, a protocol version it does not speak). It says what the client should change;
   * only a 5xx other than 505 is the server's own failure.
   */
  static String protocolDetail(int status, Object message) {
    return switch (status) {
      case 505 -> "the request's HTTP version is not supported; send it as HTTP/1.1 (or HTTP/1.0, HTTP/2)";
      case 431 -> "the request's headers are too large; send fewer or shorter headers (cookies)";
      case 414 -> "the request's URI is too long; shorten it";
      default -> status >= 500 ? "the server failed to answer; the error is in its log"
          : "the request could not be read" + (message == null ? "" : ": " + message);
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
      case 408 -> "Request Timeout";
      case 411 -> "Length Required";
      case 414 -> "URI Too Long";
      case 416 -> "Range Not Satisfiable";
      case 417 -> "Expectation Failed";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> status >= 500 ? "Server Error" : "Error";
    };
  }
}
