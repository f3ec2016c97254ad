package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.ObjectLock;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Object Lock settings of one put as request headers. S3 requires a Content-MD5 (or a flexible checksum)
 * on any PutObject that carries them; {@link S3Put} sends the MD5 of the bytes with these.
 */
final class ObjectLockHeaders {
  private ObjectLockHeaders() {
  }

  static void put(PutObjectRequest.Builder b, ObjectLock lock) {
    if (lock == null) {
      return;
    }
    if (lock.mode() != null) {
      b.objectLockMode(mode(lock)).objectLockRetainUntilDate(lock.retainUntil());
    }
    b.objectLockLegalHoldStatus(hold(lock));
  }

  static void copy(CopyObjectRequest.Builder b, ObjectLock lock) {
    if (lock == null) {
      return;
    }
    if (lock.mode() != null) {
      b.objectLockMode(mode(lock)).objectLockRetainUntilDate(lock.retainUntil());
    }
    b.objectLockLegalHoldStatus(hold(lock));
  }

  static void create(CreateMultipartUploadRequest.Builder b, ObjectLock lock) {
    if (lock == null) {
      return;
    }
    if (lock.mode() != null) {
      b.objectLockMode(mode(lock)).objectLockRetainUntilDate(lock.retainUntil());
    }
    b.objectLockLegalHoldStatus(hold(lock));
  }

  private static ObjectLockMode mode(ObjectLock lock) {
    return lock.mode() == ObjectLock.Mode.COMPLIANCE ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE;
  }

  private static ObjectLockLegalHoldStatus hold(ObjectLock lock) {
    return lock.legalHold() ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF;
  }
}
