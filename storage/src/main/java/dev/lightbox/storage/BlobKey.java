package dev.lightbox.storage;

import java.nio.charset.StandardCharsets;

/**
 * A validated object key: slash-separated, relative, at most 1,024 bytes of UTF-8, with no empty,
 * {@code .} or {@code ..} segment, no leading slash, no backslash and no control characters. The same
 * rules hold for every backend, so a key that works on disk also works in any bucket.
 */
public record BlobKey(String value) implements Comparable<BlobKey> {
  public static final int MAX_UTF8_BYTES = 1024;

  public BlobKey {
    String problem = problem(value);
    if (problem != null) {
      throw StorageException.of(StorageException.Kind.INVALID_KEY, "validate key", null,
          value == null ? null : printable(value), problem);
    }
  }

  public static BlobKey of(String value) {
    return new BlobKey(value);
  }

  /** The reason {@code value} is not a valid key, or null when it is. */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "a key must not be empty";
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
      return "a key must be at most " + MAX_UTF8_BYTES + " bytes of UTF-8";
    }
    if (value.startsWith("/")) {
      return "a key must not start with '/'; use a relative key such as 'library/a.jpg'";
    }
    if (value.endsWith("/")) {
      return "a key must not end with '/'; that names a prefix, not an object";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        return "a key must not contain control characters (found U+" + String.format("%04X", (int) c) + ")";
      }
      if (c == '\\') {
        return "a key must not contain '\\'; separate segments with '/'";
      }
      if (Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
        return "a key must be valid Unicode (lone surrogate at index " + i + ")";
      }
    }
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty()) {
        return "a key must not contain an empty segment ('//')";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "a key must not contain '.' or '..' segments";
      }
    }
    return null;
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String printable(String value) {
    StringBuilder sb = new StringBuilder();
    value.codePoints().limit(200).forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  /** The last segment: the file name part of the key. */
  public String fileName() {
    int slash = value.lastIndexOf('/');
    return slash < 0 ? value : value.substring(slash + 1);
  }

  public BlobKey withPrefix(String prefix) {
    return new BlobKey(prefix + value);
  }

  @Override
  public int compareTo(BlobKey other) {
    return KeyOrder.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
