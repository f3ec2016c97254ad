package dev.lightbox.storage;

import java.util.Objects;

/**
 * The one unchecked exception of the storage layer. Its message names the operation, the store
 * (bucket or root) and the key, and says what to do next where that is known. It never carries a
 * secret: credentials, SSE-C keys and presigned signatures are kept out of every message.
 */
public final class StorageException extends RuntimeException {
  /** What went wrong, independent of the backend. */
  public enum Kind {
    NOT_FOUND(false),
    ACCESS_DENIED(false),
    PRECONDITION_FAILED(false),
    INVALID_KEY(false),
    INVALID_ARGUMENT(false),
    RANGE_NOT_SATISFIABLE(false),
    METADATA_TOO_LARGE(false),
    INTEGRITY(false),
    UNSUPPORTED(false),
    READ_ONLY(false),
    CONFLICT(true),
    THROTTLED(true),
    UNAVAILABLE(true),
    TIMEOUT(true),
    INTERNAL(false);

    private final boolean retryableByDefault;

    Kind(boolean retryableByDefault) {
      this.retryableByDefault = retryableByDefault;
    }

    public boolean retryableByDefault() {
      return retryableByDefault;
    }
  }

  private final Kind kind;
  private final String operation;
  private final String store;
  private final String key;
  private final boolean retryable;

  private StorageException(Kind kind, String operation, String store, String key, String detail,
      boolean retryable, Throwable cause) {
    super(format(kind, operation, store, key, detail), cause);
    this.kind = kind;
    this.operation = operation;
    this.store = store;
    this.key = key;
    this.retryable = retryable;
  }

  public static StorageException of(Kind kind, String operation, String store, String key, String detail) {
    return new StorageException(kind, operation, store, key, detail, kind.retryableByDefault(), null);
  }

  public static StorageException of(Kind kind, String operation, String store, String key, String detail,
      Throwable cause) {
    return new StorageException(kind, operation, store, key, detail, kind.retryableByDefault(), cause);
  }

  public static StorageException retryable(Kind kind, String operation, String store, String key, String detail,
      boolean retryable, Throwable cause) {
    return new StorageException(kind, operation, store, key, detail, retryable, cause);
  }

  private static String format(Kind kind, String operation, String store, String key, String detail) {
    StringBuilder sb = new StringBuilder();
    sb.append(Objects.requireNonNullElse(operation, "storage operation"));
    if (key != null) {
      sb.append(" '").append(key).append('\'');
    }
    if (store != null) {
      sb.append(" in ").append(store);
    }
    sb.append(" failed (").append(kind).append(')');
    if (detail != null && !detail.isBlank()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  public Kind kind() {
    return kind;
  }

  /** The operation that failed, such as {@code put} or {@code getRange}. */
  public String operation() {
    return operation;
  }

  /** The store that answered, such as {@code disk:/var/lib/lightbox} or {@code s3://bucket/prefix}. */
  public String store() {
    return store;
  }

  /** The key involved, or null when the operation had none. */
  public String key() {
    return key;
  }

  /** True when the same call may succeed if tried again later. */
  public boolean isRetryable() {
    return retryable;
  }
}
