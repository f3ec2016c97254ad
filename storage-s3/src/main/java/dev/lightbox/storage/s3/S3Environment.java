package dev.lightbox.storage.s3;

import java.util.Locale;
import java.util.Map;

import dev.lightbox.storage.StorageException;

/**
 * Reads S3 settings from {@code LIGHTBOX_S3_*} environment variables (or any map of them), so the server,
 * the CLI and the doctor configure a store the same way:
 * <pre>
 * LIGHTBOX_S3_PRESET        aws, b2, r2, wasabi, digitalocean, gcs, minio, ceph or custom
 * LIGHTBOX_S3_ENDPOINT      endpoint URL (from the preset when it has one)
 * LIGHTBOX_S3_REGION        bucket region (from the endpoint or the preset when not set)
 * LIGHTBOX_S3_ACCOUNT_ID    account id for endpoint templates that need one (R2)
 * LIGHTBOX_S3_BUCKET        bucket name
 * LIGHTBOX_S3_PREFIX        key prefix inside the bucket
 * LIGHTBOX_S3_PATH_STYLE    true or false (from the preset when not set)
 * LIGHTBOX_S3_SSE           none, sse-s3, sse-kms or sse-c
 * LIGHTBOX_S3_SSE_KMS_KEY_ID      KMS key id or ARN for sse-kms
 * LIGHTBOX_S3_SSE_CUSTOMER_KEY    base64 of 32 bytes for sse-c (or sse_customer_key in the profile)
 * LIGHTBOX_S3_CHECKSUM_SHA256     true or false: send x-amz-checksum-sha256 (from the preset when not set)
 * LIGHTBOX_S3_MAX_BATCH_DELETE    keys per DeleteObjects request (at most the preset's limit)
 * LIGHTBOX_S3_LEAN_READS          true or false: GET and HEAD objects without the AWS SDK's pipeline
 * </pre>
 * plus the credentials {@link S3CredentialResolver} reads.
 */
public final class S3Environment {
  private S3Environment() {
  }

  /** A builder filled from {@code env}; {@code profile} (may be null) names a credentials profile. */
  public static S3Config.Builder configure(Map<String, String> env, String profile) {
    S3Config.Builder b = S3Config.builder();
    String preset = get(env, "LIGHTBOX_S3_PRESET");
    if (preset != null) {
      b.preset(preset);
    }
    b.endpoint(get(env, "LIGHTBOX_S3_ENDPOINT"));
    b.region(get(env, "LIGHTBOX_S3_REGION"));
    b.accountId(get(env, "LIGHTBOX_S3_ACCOUNT_ID"));
    b.bucket(get(env, "LIGHTBOX_S3_BUCKET"));
    b.keyPrefix(get(env, "LIGHTBOX_S3_PREFIX"));
    Boolean pathStyle = bool(env, "LIGHTBOX_S3_PATH_STYLE");
    if (pathStyle != null) {
      b.pathStyle(pathStyle);
    }
    Boolean checksum = bool(env, "LIGHTBOX_S3_CHECKSUM_SHA256");
    if (checksum != null) {
      b.sendChecksumSha256(checksum);
    }
    Boolean leanReads = bool(env, "LIGHTBOX_S3_LEAN_READS");
    if (leanReads != null) {
      b.leanReads(leanReads);
    }
    String batch = get(env, "LIGHTBOX_S3_MAX_BATCH_DELETE");
    if (batch != null) {
      try {
        b.maxBatchDelete(Integer.parseInt(batch));
      } catch (NumberFormatException e) {
        throw invalid("LIGHTBOX_S3_MAX_BATCH_DELETE must be a whole number, was '" + batch + "'");
      }
    }
    ResolvedCredentials credentials = S3CredentialResolver.resolve(env, profile);
    b.credentials(credentials);
    b.encryption(encryption(env, credentials.sseCustomerKey()));
    return b;
  }

  static Encryption encryption(Map<String, String> env, SseCustomerKey fromProfile) {
    String mode = get(env, "LIGHTBOX_S3_SSE");
    String kmsKey = get(env, "LIGHTBOX_S3_SSE_KMS_KEY_ID");
    String customerKey = get(env, "LIGHTBOX_S3_SSE_CUSTOMER_KEY");
    if (mode == null) {
      mode = kmsKey != null ? "sse-kms" : customerKey != null || fromProfile != null ? "sse-c" : "none";
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "none" -> Encryption.NONE;
      case "sse-s3", "aes256" -> Encryption.sseS3();
      case "sse-kms", "aws:kms" -> {
        if (kmsKey == null) {
          throw invalid("LIGHTBOX_S3_SSE=sse-kms needs LIGHTBOX_S3_SSE_KMS_KEY_ID (a key id or ARN)");
        }
        yield Encryption.sseKms(kmsKey);
      }
      case "sse-c" -> {
        if (customerKey == null && fromProfile == null) {
          throw invalid("LIGHTBOX_S3_SSE=sse-c needs LIGHTBOX_S3_SSE_CUSTOMER_KEY (base64 of 32 bytes, such as "
              + "'openssl rand -base64 32') or sse_customer_key in the credentials profile");
        }
        yield Encryption.sseC(customerKey != null ? SseCustomerKey.fromBase64(customerKey) : fromProfile);
      }
      default -> throw invalid("LIGHTBOX_S3_SSE must be none, sse-s3, sse-kms or sse-c, was '" + mode + "'");
    };
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Boolean bool(Map<String, String> env, String name) {
    String v = get(env, name);
    if (v == null) {
      return null;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw invalid(name + " must be true or false, was '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static StorageException invalid(String problem) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null, problem);
  }
}
