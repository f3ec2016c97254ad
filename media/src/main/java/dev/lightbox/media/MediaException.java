package dev.lightbox.media;

/** The one unchecked exception of media processing; its message names the file and the problem. */
public final class MediaException extends RuntimeException {
  public enum Kind { UNSUPPORTED_FORMAT, CORRUPT, TOO_LARGE, TIMEOUT, TOOL_MISSING, INTERNAL }

  private final Kind kind;
  private final String fileName;

  public MediaException(Kind kind, String fileName, String detail, Throwable cause) {
    super((fileName == null ? "media" : "'" + fileName + "'") + ": " + detail + " (" + kind + ")", cause);
    this.kind = kind;
    this.fileName = fileName;
  }

  public MediaException(Kind kind, String fileName, String detail) {
    this(kind, fileName, detail, null);
  }

  public Kind kind() {
    return kind;
  }

  public String fileName() {
    return fileName;
  }

  /** Timeouts may pass; a corrupt file stays corrupt. */
  public boolean isRetryable() {
    return kind == Kind.TIMEOUT;
  }
}
