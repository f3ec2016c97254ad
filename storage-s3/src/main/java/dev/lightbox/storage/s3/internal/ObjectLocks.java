package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.StorageException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;

/** Object Lock operations on objects that already exist. */
public final class ObjectLocks {
  private final S3Context ctx;

  public ObjectLocks(S3Context ctx) {
    this.ctx = ctx;
  }

  /** PutObjectLegalHold; the SDK sends the Content-MD5 this request requires. */
  public void setLegalHold(BlobKey key, boolean on) {
    if (!ctx.config().quirks().objectLock()) {
      throw StorageException.of(StorageException.Kind.UNSUPPORTED, "setLegalHold", ctx.store(), key.value(),
          ctx.config().preset().displayName() + " does not support Object Lock through the S3 API");
    }
    String objectKey = ctx.keys().objectKey(key);
    try {
      ctx.client().putObjectLegalHold(b -> b.bucket(ctx.bucket()).key(objectKey)
          .legalHold(h -> h.status(on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF)));
    } catch (RuntimeException e) {
      throw ctx.error(e, "setLegalHold", key.value());
    }
  }
}
