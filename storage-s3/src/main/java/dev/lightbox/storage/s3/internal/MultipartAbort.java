package dev.lightbox.storage.s3.internal;

import java.time.Duration;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/**
 * Aborts a multipart upload after a failure, retrying with backoff for several seconds (the failure that
 * got us here is often a network blip), so no incomplete upload is left to be billed or to leak space.
 */
final class MultipartAbort {
  private MultipartAbort() {
  }

  /** Aborts; if even that fails, the abort's error is attached to {@code cause} as suppressed. */
  static void abort(S3Context ctx, String objectKey, String uploadId, String operation, String userKey,
      StorageException cause) {
    try {
      Backoff.retry(8, Duration.ofMillis(200), () -> {
        try {
          return ctx.client().abortMultipartUpload(b -> b.bucket(ctx.bucket()).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
          StorageException mapped = ctx.error(e, operation + " (abort multipart upload)", userKey);
          if (mapped.kind() == Kind.NOT_FOUND) {
            return null;
          }
          throw mapped;
        }
      });
    } catch (StorageException e) {
      cause.addSuppressed(e);
    }
  }
}
