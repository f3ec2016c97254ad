package dev.lightbox.storage.s3.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.StorageException;

/**
 * Maps Lightbox keys to object keys under the store's prefix and back. Multipart uploads are assembled
 * under {@value #TEMP_DIR} inside the prefix; those keys are hidden from listings and refused as user keys.
 */
public final class S3Keys {
  public static final String TEMP_DIR = ".lightbox-tmp/";
  /** How the temporary prefixes of {@code lightbox doctor} runs start, inside the store's prefix. */
  public static final String DOCTOR_DIR_PREFIX = ".lightbox-doctor-";
  private static final int MAX_OBJECT_KEY_BYTES = 1024;

  private final String prefix;
  private final String store;

  public S3Keys(String prefix, String store) {
    this.prefix = prefix;
    this.store = store;
  }

  public String prefix() {
    return prefix;
  }

  /** The object key for {@code key}; refuses keys in the temporary area and keys S3 would reject as too long. */
  public String objectKey(BlobKey key) {
    String value = key.value();
    if (value.startsWith(TEMP_DIR)) {
      throw StorageException.of(StorageException.Kind.INVALID_KEY, "validate key", store, value,
          "keys under '" + TEMP_DIR + "' are reserved for uploads in progress");
    }
    String full = prefix + value;
    if (full.getBytes(StandardCharsets.UTF_8).length > MAX_OBJECT_KEY_BYTES) {
      throw StorageException.of(StorageException.Kind.INVALID_KEY, "validate key", store, value,
          "with the store's prefix the key exceeds S3's 1,024-byte limit");
    }
    return full;
  }

  /** A fresh key to assemble a multipart upload under before it is copied to its final key. */
  public String tempKey() {
    return prefix + TEMP_DIR + UUID.randomUUID();
  }

  public String tempDirPrefix() {
    return prefix + TEMP_DIR;
  }

  /**
   * The Lightbox key for an object key from a listing, or null for objects this store does not expose:
   * outside the prefix, in the temporary area, or not a valid {@link BlobKey} (such as folder markers
   * ending in '/').
   */
  public BlobKey fromObjectKey(String objectKey) {
    String relative = relative(objectKey);
    if (relative == null || relative.startsWith(TEMP_DIR) || BlobKey.problem(relative) != null) {
      return null;
    }
    return new BlobKey(relative);
  }

  /** The part after the store's prefix, or null when {@code objectKey} is outside it. */
  public String relative(String objectKey) {
    return objectKey.startsWith(prefix) ? objectKey.substring(prefix.length()) : null;
  }
}
