package dev.lightbox.server;

/**
 * The one unchecked exception of the server layer (catalog, configuration, services, migration, CLI). Its
 * kind says what went wrong in domain terms; the HTTP edge alone chooses a status for it. Its message is
 * safe to show to the client (it names the object and what to do next, never a secret or a stack trace).
 */
public final class ServerException extends RuntimeException {
  public enum Kind {
    /** The caller's input is malformed or out of range. */
    INVALID_INPUT(false),
    /** No valid session or API key. */
    UNAUTHENTICATED(false),
    /** Authenticated, but not allowed to do this. */
    FORBIDDEN(false),
    NOT_FOUND(false),
    /** It existed and is gone for now (a library file that was removed); it may come back. */
    GONE(false),
    /** The operation does not exist for this resource. */
    UNSUPPORTED_OPERATION(false),
    /** The resource's state does not allow it now (another job, a concurrent change). */
    CONFLICT(true),
    /** More bytes than a limit allows. */
    TOO_LARGE(false),
    /** A file format Lightbox does not accept. */
    UNSUPPORTED_FORMAT(false),
    /** A byte range outside the object. */
    RANGE_NOT_SATISFIABLE(false),
    /** Too many attempts; wait {@link ServerException#retryAfterSeconds()} seconds. */
    RATE_LIMITED(true),
    /** A dependency (store, database, media tools) cannot serve now. */
    UNAVAILABLE(true),
    INTERNAL(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether a failure of this kind is, by default, worth retrying. */
    public boolean retryable() {
      return retryable;
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
    ServerException e = new ServerException(Kind.RATE_LIMITED, message);
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
  }

  /** Seconds the caller should wait before retrying, or 0 when not said. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static ServerException badRequest(String message) {
    return new ServerException(Kind.INVALID_INPUT, message);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRetryable() {
    return retryable;
  }
}
