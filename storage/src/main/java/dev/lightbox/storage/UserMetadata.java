package dev.lightbox.storage;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Rules for user metadata that every backend shares. S3 limits user metadata to 2 KB counted as the
 * UTF-8 bytes of names and values as sent; Lightbox keeps the encoded total under that limit and says so
 * clearly when a caller goes over it.
 */
public final class UserMetadata {
  /** S3's limit on user metadata, names plus values, as sent on the wire. */
  public static final int MAX_BYTES = 2048;
  /** Names Lightbox itself writes; callers may not set them. */
  public static final String RESERVED_PREFIX = "lightbox-";

  private UserMetadata() {
  }

  public static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "a metadata name must not be empty";
    }
    if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
      return "metadata name '" + name + "' must be lowercase ASCII letters, digits, '-' and '_'";
    }
    if (name.startsWith(RESERVED_PREFIX)) {
      return "metadata names starting with '" + RESERVED_PREFIX + "' are reserved for Lightbox";
    }
    return null;
  }

  /** The size S3 counts for these entries once values are encoded for the wire. */
  public static int encodedSize(Map<String, String> entries) {
    int total = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      total += e.getKey().length() + MetadataValueCodec.encode(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }

  /** Lightbox's own entries (the SHA-256) take this much; callers get the rest. */
  public static final int RESERVED_BYTES = 160;

  public static void checkSize(Map<String, String> entries, String operation, String store, String key) {
    int size = encodedSize(entries);
    int limit = MAX_BYTES - RESERVED_BYTES;
    if (size > limit) {
      throw StorageException.of(StorageException.Kind.METADATA_TOO_LARGE, operation, store, key,
          "user metadata takes " + size + " bytes once encoded; the limit is " + limit
              + " (S3's 2 KB less what Lightbox keeps for the SHA-256). Store large metadata in the catalog or "
              + "in a separate object");
    }
  }
}
