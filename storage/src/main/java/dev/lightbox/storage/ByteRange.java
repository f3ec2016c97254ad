package dev.lightbox.storage;

/**
 * A byte range to read: {@code [offset, offset + length)}, from an offset to the end, or the last
 * {@code suffixLength} bytes. Resolved against an object's size with {@link #resolve(long)}.
 */
public record ByteRange(long offset, long length, long suffixLength) {
  private static final long TO_END = -1;

  public ByteRange {
    if (suffixLength > 0) {
      if (offset != 0 || length != TO_END) {
        throw invalid("a suffix range has no offset or length");
      }
    } else {
      if (suffixLength != 0) {
        throw invalid("suffix length must be positive");
      }
      if (offset < 0) {
        throw invalid("range offset must not be negative, was " + offset);
      }
      if (length != TO_END && length <= 0) {
        throw invalid("range length must be positive, was " + length);
      }
    }
  }

  /** {@code length} bytes starting at {@code offset}. */
  public static ByteRange of(long offset, long length) {
    return new ByteRange(offset, length, 0);
  }

  /** From {@code offset} to the end of the object. */
  public static ByteRange from(long offset) {
    return new ByteRange(offset, TO_END, 0);
  }

  /** The last {@code n} bytes (fewer when the object is smaller); {@code n} must be positive. */
  public static ByteRange suffix(long n) {
    if (n <= 0) {
      throw invalid("suffix length must be positive, was " + n); // 0 would read as "from the start"
    }
    return new ByteRange(0, TO_END, n);
  }

  /**
   * Parses one HTTP range spec such as {@code bytes=0-99}, {@code bytes=100-} or {@code bytes=-500}. A malformed
   * spec is {@link StorageException.Kind#INVALID_ARGUMENT} (HTTP ignores it); {@code bytes=-0}, well formed but
   * selecting no byte of any object (RFC 9110 14.1.1), is {@link StorageException.Kind#RANGE_NOT_SATISFIABLE}.
   */
  public static ByteRange parseHttp(String header) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      throw invalid("expected a single range such as 'bytes=0-99', got '" + header + "'");
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    try {
      if (dash == 0) {
        long n = Long.parseLong(spec.substring(1));
        if (n == 0) {
          throw StorageException.of(StorageException.Kind.RANGE_NOT_SATISFIABLE, "parse range", null, null,
              "'" + header + "' asks for the last 0 bytes, which selects nothing");
        }
        return suffix(n);
      }
      long first = Long.parseLong(spec.substring(0, dash));
      String last = spec.substring(dash + 1);
      if (last.isEmpty()) {
        return from(first);
      }
      long lastByte = Long.parseLong(last);
      if (lastByte < first) {
        throw invalid("range end before start in '" + header + "'");
      }
      return of(first, lastByte - first + 1);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw invalid("malformed range '" + header + "'");
    }
  }

  public boolean isSuffix() {
    return suffixLength > 0;
  }

  public boolean isOpenEnded() {
    return suffixLength == 0 && length == TO_END;
  }

  /**
   * The concrete {@code [first, last]} bytes of an object of {@code size} bytes, or null when the range is
   * unsatisfiable (starts at or beyond the end, or asks for a suffix of an empty object).
   */
  public Resolved resolve(long size) {
    if (isSuffix()) {
      if (size == 0) {
        return null;
      }
      long n = Math.min(suffixLength, size);
      return new Resolved(size - n, size - 1, size);
    }
    if (offset >= size) {
      return null;
    }
    long last = length == TO_END ? size - 1 : Math.min(size - 1, offset + length - 1);
    return new Resolved(offset, last, size);
  }

  /** The HTTP form, such as {@code bytes=0-99}. */
  public String toHttpHeader() {
    if (isSuffix()) {
      return "bytes=-" + suffixLength;
    }
    return length == TO_END ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
  }

  @Override
  public String toString() {
    return toHttpHeader();
  }

  private static StorageException invalid(String detail) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "parse range", null, null, detail);
  }

  /** Inclusive first and last byte of a satisfiable range, and the whole object's size. */
  public record Resolved(long first, long last, long totalSize) {
    public long length() {
      return last - first + 1;
    }

    /** The HTTP Content-Range value, such as {@code bytes 0-99/1000}. */
    public String contentRange() {
      return "bytes " + first + "-" + last + "/" + totalSize;
    }
  }
}
