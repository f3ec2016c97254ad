package dev.lightbox.storage.s3;

import java.util.Objects;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.StorageException;

/**
 * How new objects are encrypted at rest: not asked for ({@link #NONE}, the bucket's default applies),
 * SSE-S3, SSE-KMS with a key id, or SSE-C with a key this process holds. {@link #toString()} never
 * shows an SSE-C key.
 */
public record Encryption(SseMode mode, String kmsKeyId, SseCustomerKey customerKey) {
  public static final Encryption NONE = new Encryption(null, null, null);

  public Encryption {
    if (mode == SseMode.SSE_KMS && (kmsKeyId == null || kmsKeyId.isBlank())) {
      throw invalid("SSE-KMS needs a key id or ARN");
    }
    if (mode != SseMode.SSE_KMS && kmsKeyId != null) {
      throw invalid("a KMS key id only goes with SSE-KMS");
    }
    if ((mode == SseMode.SSE_C) != (customerKey != null)) {
      throw invalid("SSE-C needs a customer key, and a customer key needs SSE-C");
    }
  }

  public static Encryption sseS3() {
    return new Encryption(SseMode.SSE_S3, null, null);
  }

  public static Encryption sseKms(String keyId) {
    return new Encryption(SseMode.SSE_KMS, keyId, null);
  }

  public static Encryption sseC(SseCustomerKey key) {
    return new Encryption(SseMode.SSE_C, null, Objects.requireNonNull(key, "key"));
  }

  public boolean isNone() {
    return mode == null;
  }

  public boolean isCustomerKey() {
    return mode == SseMode.SSE_C;
  }

  /** {@code none}, {@code SSE_S3}, {@code SSE_KMS(key id)} or {@code SSE_C}: safe to log. */
  public String describe() {
    return mode == null ? "none" : mode == SseMode.SSE_KMS ? "SSE_KMS(" + kmsKeyId + ")" : mode.name();
  }

  @Override
  public String toString() {
    return "Encryption[" + describe() + "]";
  }

  private static StorageException invalid(String problem) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null, problem);
  }
}
