package dev.lightbox.storage.s3;

import dev.lightbox.storage.StorageException;

/**
 * Lifecycle rules Lightbox can add to a bucket, each opt-in (null leaves it out): abort multipart uploads
 * still incomplete after N days, and expire noncurrent object versions after M days. They apply to the
 * store's key prefix only. See {@link S3BlobStore#applyLifecycleDefaults(LifecycleDefaults)}.
 */
public record LifecycleDefaults(Integer abortIncompleteMultipartDays, Integer expireNoncurrentDays) {
  public static final String ABORT_RULE_ID = "lightbox-abort-incomplete-multipart";
  public static final String NONCURRENT_RULE_ID = "lightbox-expire-noncurrent-versions";

  public LifecycleDefaults {
    check(abortIncompleteMultipartDays, "abort incomplete multipart uploads after");
    check(expireNoncurrentDays, "expire noncurrent versions after");
  }

  /** The usual choice: abort incomplete uploads after 7 days, expire noncurrent versions after 30. */
  public static LifecycleDefaults recommended() {
    return new LifecycleDefaults(7, 30);
  }

  private static void check(Integer days, String what) {
    if (days != null && (days < 1 || days > 36_500)) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "lifecycle defaults", null, null,
          what + " must be between 1 and 36500 days, was " + days);
    }
  }
}
