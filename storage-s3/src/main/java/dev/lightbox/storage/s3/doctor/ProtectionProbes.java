package dev.lightbox.storage.s3.doctor;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.Encryption;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.SseCustomerKey;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Encryption and Object Lock, each checked for effect, not just acceptance: an SSE mode works when the
 * store reports it back (SSE-C: when reading without the key is refused); Object Lock works when a held
 * object cannot be deleted.
 */
final class ProtectionProbes {
  private final ProbeContext ctx;
  private final SseMode configured;

  ProtectionProbes(ProbeContext ctx) {
    this.ctx = ctx;
    this.configured = ctx.options.config().encryption().mode();
  }

  ProbeResult sseS3() {
    boolean needed = configured == SseMode.SSE_S3;
    String key = ctx.key("sse-s3.bin");
    try {
      ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(key).serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromBytes(ctx.data(1024)));
      var head = ctx.raw.headObject(b -> b.bucket(ctx.bucket()).key(key));
      return head.serverSideEncryption() == ServerSideEncryption.AES256
          ? ProbeResult.works(Feature.SSE_S3, needed, "the store reports AES256 at rest")
          : ProbeResult.notSupported(Feature.SSE_S3, needed, "accepted, but the store does not report the object as "
              + "encrypted", "use another encryption mode, or rely on the provider's own encryption at rest");
    } catch (RuntimeException e) {
      return ProbeResult.notSupported(Feature.SSE_S3, needed, ProbeContext.reason(ctx.error(e, "PutObject")),
          "set LIGHTBOX_S3_SSE=none (or enable SSE-S3 in the provider, e.g. a KMS for MinIO)");
    }
  }

  ProbeResult sseKms() {
    String keyId = ctx.options.kmsKeyId() != null ? ctx.options.kmsKeyId() : ctx.options.config().encryption().kmsKeyId();
    boolean needed = configured == SseMode.SSE_KMS;
    if (keyId == null) {
      return ProbeResult.skipped(Feature.SSE_KMS, needed, "no KMS key id to probe with (--kms-key-id)");
    }
    String key = ctx.key("sse-kms.bin");
    try {
      ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS)
          .ssekmsKeyId(keyId), RequestBody.fromBytes(ctx.data(1024)));
      var head = ctx.raw.headObject(b -> b.bucket(ctx.bucket()).key(key));
      return head.serverSideEncryption() == ServerSideEncryption.AWS_KMS
          ? ProbeResult.works(Feature.SSE_KMS, needed, "the store reports aws:kms with key " + keyId)
          : ProbeResult.notSupported(Feature.SSE_KMS, needed, "accepted, but the store does not report aws:kms",
              "use SSE-S3 or SSE-C where the provider supports them");
    } catch (RuntimeException e) {
      return ProbeResult.notSupported(Feature.SSE_KMS, needed, ProbeContext.reason(ctx.error(e, "PutObject")),
          "check the key id and the credentials' kms:GenerateDataKey and kms:Decrypt permissions");
    }
  }

  /** With a throw-away key, never the configured one. */
  ProbeResult sseC() {
    boolean needed = configured == SseMode.SSE_C;
    SseCustomerKey probeKey = SseCustomerKey.random();
    BlobKey key = BlobKey.of("sse-c.bin");
    byte[] data = ctx.data(1024);
    try (S3BlobStore encrypted = S3BlobStore.open(ctx.config.withEncryption(Encryption.sseC(probeKey)))) {
      encrypted.put(key, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULTS);
      if (!Arrays.equals(BasicProbes.read(encrypted.get(key)), data)) {
        return ProbeResult.fails(Feature.SSE_C, needed, "reading with the key returned other bytes", null);
      }
    } catch (Exception e) {
      String reason = ProbeContext.reason(e);
      boolean https = reason.toLowerCase(java.util.Locale.ROOT).matches(".*(secure|https|ssl|tls).*");
      return ProbeResult.notSupported(Feature.SSE_C, needed, reason, https
          ? "SSE-C needs HTTPS: use an https endpoint, or another encryption mode"
          : "use another encryption mode (LIGHTBOX_S3_SSE)");
    }
    try {
      ctx.raw.getObjectAsBytes(b -> b.bucket(ctx.bucket()).key(ctx.key(key.value())));
      return ProbeResult.notSupported(Feature.SSE_C, needed, "accepted but not enforced: the object could be read "
          + "without the key", "this store ignores SSE-C headers; use another encryption mode");
    } catch (RuntimeException refused) {
      return ProbeResult.works(Feature.SSE_C, needed, "stored with a customer key; reading without it was refused");
    }
  }

  /** Browsers cannot send the SSE-C key, so redirect serving cannot work with SSE-C. */
  ProbeResult sseCWithRedirects() {
    return ProbeResult.fails(Feature.SSE_C_REDIRECT, true, "a browser following a redirect cannot send the SSE-C "
        + "key headers", "serve through the server: LIGHTBOX_S3_SERVE_MODE=proxy (or use SSE-S3/SSE-KMS)");
  }

  ProbeResult objectLock() {
    String feature = Feature.OBJECT_LOCK;
    try {
      var lock = ctx.raw.getObjectLockConfiguration(b -> b.bucket(ctx.bucket())).objectLockConfiguration();
      if (lock == null || lock.objectLockEnabled() == null) {
        return notEnabled("the bucket reports no Object Lock configuration");
      }
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "GetObjectLockConfiguration");
      return mapped.kind() == StorageException.Kind.UNSUPPORTED
          ? ProbeResult.notSupported(feature, false, ProbeContext.reason(mapped), "this store has no Object Lock")
          : notEnabled(ProbeContext.reason(mapped));
    }
    String key = ctx.key("object-lock.bin");
    byte[] data = ctx.data(1024);
    try {
      var put = ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(key).contentMD5(md5(data))
          .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromBytes(data));
      String kept = legalHold(key);
      if (kept != null) {
        return ProbeResult.notSupported(feature, false, "a legal hold was accepted but not kept (" + kept + ")", null);
      }
      boolean enforced;
      try {
        ctx.raw.deleteObject(b -> b.bucket(ctx.bucket()).key(key).versionId(put.versionId()));
        enforced = false;
      } catch (RuntimeException refused) {
        enforced = true;
      }
      ctx.raw.putObjectLegalHold(b -> b.bucket(ctx.bucket()).key(key)
          .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
      if (!enforced) {
        return ProbeResult.notSupported(feature, false, "not enforced: an object under legal hold could be deleted", null);
      }
      String retained = ctx.key("object-lock-retention.bin");
      Instant until = Instant.now().plus(1, ChronoUnit.MINUTES);
      ctx.raw.putObject(b -> b.bucket(ctx.bucket()).key(retained).contentMD5(md5(data))
          .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until), RequestBody.fromBytes(data));
      var retention = ctx.raw.getObjectRetention(b -> b.bucket(ctx.bucket()).key(retained)).retention();
      return retention != null && retention.mode() == software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode.GOVERNANCE
          ? ProbeResult.works(feature, false, "legal hold kept and enforced; GOVERNANCE retention kept")
          : ProbeResult.notSupported(feature, false, "legal hold works, but a GOVERNANCE retention was not kept", null);
    } catch (RuntimeException e) {
      return ProbeResult.fails(feature, false, ProbeContext.reason(ctx.error(e, "Object Lock")),
          "grant s3:PutObjectLegalHold, s3:GetObjectLegalHold, s3:PutObjectRetention and s3:BypassGovernanceRetention");
    }
  }

  /** Null when the object reports its legal hold ON, else what it reports. */
  private String legalHold(String key) {
    try {
      var hold = ctx.raw.getObjectLegalHold(b -> b.bucket(ctx.bucket()).key(key)).legalHold();
      return hold != null && hold.status() == ObjectLockLegalHoldStatus.ON ? null
          : "status " + (hold == null ? "none" : hold.status());
    } catch (RuntimeException e) {
      return ProbeContext.reason(ctx.error(e, "GetObjectLegalHold"));
    }
  }

  private static ProbeResult notEnabled(String detail) {
    return ProbeResult.notSupported(Feature.OBJECT_LOCK, false, "not enabled on this bucket (" + detail + ")",
        "Object Lock is chosen when a bucket is created: create one with Object Lock to use retention");
  }

  static String md5(byte[] data) {
    try {
      return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
