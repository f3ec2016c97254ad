package dev.lightbox.server;

/**
 * The one unchecked exception of the server layer. Its kind decides the HTTP status; its message is safe
 * to show to the client (it names the object and what to do next, never a secret or a stack trace).
 */
public final class ServerException extends RuntimeException {
  public enum Kind {
    BAD_REQUEST(400, false),
    UNAUTHORIZED(401, false),
    FORBIDDEN(403, false),
    NOT_FOUND(404, false),
    METHOD_NOT_ALLOWED(405, false),
    CONFLICT(409, true),
    PAYLOAD_TOO_LARGE(413, false),
    UNSUPPORTED_MEDIA_TYPE(415, false),
    RANGE_NOT_SATISFIABLE(416, false),
    TOO_MANY_REQUESTS(429, true),
    UNAVAILABLE(503, true),
    INTERNAL(500, false);

    private final int status;
    private final boolean retryable;

    Kind(int status, boolean retryable) {
      this.status = status;
      this.retryable = retryable;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final boolean retryable;
  private long retryAfterSeconds;

  public ServerException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ServerException(Kind kind, String message, Throwable cause) {
    this(kind, message, kind.retryable, cause);
  }

  public ServerException(Kind kind, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryable = retryable;
  }

  public static ServerException notFound(String what) {
    return new ServerException(Kind.NOT_FOUND, what + " was not found");
  }

  /** A refusal to try again later, with the number of seconds to wait (sent as Retry-After). */
  public static ServerException tooManyRequests(String message, long retryAfterSeconds) {
    ServerException e = new ServerException(Kind.TOO_MANY_REQUESTS, message);
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
  }

  /** Seconds the caller should wait before retrying, or 0 when not said. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ServerException badRequest(String message) {
    return new ServerException(Kind.BAD_REQUEST, message);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
