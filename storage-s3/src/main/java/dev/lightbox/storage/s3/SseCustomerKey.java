package dev.lightbox.storage.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import dev.lightbox.storage.StorageException;

/**
 * A 256-bit SSE-C key. The store sends it with every request that reads or writes an object encrypted
 * with it; it never appears in {@link #toString()}, logs or errors. Losing it loses the data: the
 * provider keeps only its MD5 to check it.
 */
public final class SseCustomerKey {
  private final byte[] key;
  private final String md5;

  private SseCustomerKey(byte[] key) {
    if (key == null || key.length != 32) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null,
          "an SSE-C key must be exactly 32 bytes (256 bits), base64-encoded: 44 characters such as the output "
              + "of 'openssl rand -base64 32'");
    }
    this.key = key.clone();
    this.md5 = Base64.getEncoder().encodeToString(md5(this.key));
  }

  public static SseCustomerKey of(byte[] key) {
    return new SseCustomerKey(key);
  }

  /** From the base64 text of 32 bytes; the error never repeats the text. */
  public static SseCustomerKey fromBase64(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    return new SseCustomerKey(raw);
  }

  /** A fresh random key (the doctor uses one for its probe). */
  public static SseCustomerKey random() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return new SseCustomerKey(k);
  }

  /** The key in base64, as the {@code x-amz-server-side-encryption-customer-key} header carries it. */
  public String base64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** The base64 MD5 of the key, as {@code x-amz-server-side-encryption-customer-key-MD5} carries it. */
  public String md5Base64() {
    return md5;
  }

  private static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SseCustomerKey other && MessageDigest.isEqual(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(md5.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "SseCustomerKey[REDACTED]";
  }
}
