package dev.lightbox.storage.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lightbox.storage.StorageException;

/**
 * The one reader of the S3 settings: {@code LIGHTBOX_S3_*} environment variables (or any map of them), so
 * the server, the CLI and the doctor configure a store the same way:
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
 * plus the credentials {@link S3CredentialResolver} reads. Every problem names the setting and the fix.
 */
public final class S3Environment {
  private S3Environment() {
  }

  /**
   * A builder filled from {@code env}; {@code profile} (may be null) names a credentials profile. Fails
   * listing every problem of the settings.
   */
  public static S3Config.Builder configure(Map<String, String> env, String profile) {
    List<String> problems = new ArrayList<>();
    S3Config.Builder b = read(env, profile, problems);
    if (!problems.isEmpty()) {
      throw invalid(String.join("; ", problems));
    }
    return b;
  }

  /**
   * The store's settings from {@code env}, built; or null after adding every problem (each naming the
   * setting and the fix) to {@code problems}.
   */
  public static S3Config load(Map<String, String> env, String profile, List<String> problems) {
    int before = problems.size();
    S3Config.Builder b = read(env, profile, problems);
    if (problems.size() > before) {
      return null;
    }
    try {
      return b.build();
    } catch (StorageException e) {
      problems.add("LIGHTBOX_S3_* " + detail(e) + ": fix the setting it names (docs/providers.md lists them)");
      return null;
    }
  }

  private static S3Config.Builder read(Map<String, String> env, String profile, List<String> problems) {
    S3Config.Builder b = S3Config.builder();
    String preset = get(env, "LIGHTBOX_S3_PRESET");
    if (preset != null) {
      attempt(problems, () -> b.preset(preset));
    }
    b.endpoint(endpoint(env, problems));
    b.region(get(env, "LIGHTBOX_S3_REGION"));
    b.accountId(get(env, "LIGHTBOX_S3_ACCOUNT_ID"));
    b.bucket(bucket(env, problems));
    b.keyPrefix(prefix(env, problems));
    Boolean pathStyle = bool(env, "LIGHTBOX_S3_PATH_STYLE", problems);
    if (pathStyle != null) {
      b.pathStyle(pathStyle);
    }
    Boolean checksum = bool(env, "LIGHTBOX_S3_CHECKSUM_SHA256", problems);
    if (checksum != null) {
      b.sendChecksumSha256(checksum);
    }
    Boolean leanReads = bool(env, "LIGHTBOX_S3_LEAN_READS", problems);
    if (leanReads != null) {
      b.leanReads(leanReads);
    }
    String batch = get(env, "LIGHTBOX_S3_MAX_BATCH_DELETE");
    if (batch != null) {
      try {
        b.maxBatchDelete(Integer.parseInt(batch));
      } catch (NumberFormatException e) {
        problems.add("LIGHTBOX_S3_MAX_BATCH_DELETE must be a whole number, was '" + batch + "'");
      }
    }
    if (keyPairIsWhole(env, problems)) {
      attempt(problems, () -> {
        ResolvedCredentials credentials = S3CredentialResolver.resolve(env, profile);
        b.credentials(credentials);
        b.encryption(encryption(env, credentials.sseCustomerKey()));
      });
    }
    return b;
  }

  private static URI endpoint(Map<String, String> env, List<String> problems) {
    String raw = get(env, "LIGHTBOX_S3_ENDPOINT");
    if (raw == null) {
      return null;
    }
    try {
      URI endpoint = new URI(raw);
      if (endpoint.getHost() != null && (raw.startsWith("http://") || raw.startsWith("https://"))) {
        return endpoint;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    problems.add("LIGHTBOX_S3_ENDPOINT '" + raw + "' is not an http(s) URL: use a URL such as http://localhost:9000");
    return null;
  }

  private static String bucket(Map<String, String> env, List<String> problems) {
    String bucket = get(env, "LIGHTBOX_S3_BUCKET");
    if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
      problems.add("LIGHTBOX_S3_BUCKET '" + bucket + "' is not a valid bucket name: use 3-63 lowercase letters,"
          + " digits, dots and hyphens");
    }
    return bucket;
  }

  private static String prefix(Map<String, String> env, List<String> problems) {
    String prefix = get(env, "LIGHTBOX_S3_PREFIX");
    if (prefix != null && (prefix.startsWith("/") || prefix.contains("//") || prefix.contains(".."))) {
      problems.add("LIGHTBOX_S3_PREFIX '" + prefix + "' is not a relative key prefix: use a prefix such as"
          + " lightbox/ (no leading slash, no '..')");
      return null;
    }
    return prefix;
  }

  /** Lightbox's own key pair must be given whole; the resolver checks the other layers. */
  private static boolean keyPairIsWhole(Map<String, String> env, List<String> problems) {
    boolean id = get(env, "LIGHTBOX_S3_ACCESS_KEY_ID") != null;
    boolean secret = get(env, "LIGHTBOX_S3_SECRET_ACCESS_KEY") != null;
    if (id != secret) {
      problems.add((id ? "LIGHTBOX_S3_SECRET_ACCESS_KEY" : "LIGHTBOX_S3_ACCESS_KEY_ID") + " is missing: set both"
          + " LIGHTBOX_S3_ACCESS_KEY_ID and LIGHTBOX_S3_SECRET_ACCESS_KEY, or neither to use the SDK default chain");
    }
    return id == secret;
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

  private static void attempt(List<String> problems, Runnable step) {
    try {
      step.run();
    } catch (StorageException e) {
      problems.add(detail(e));
    }
  }

  /** The message without the "configure S3 failed (...)" that every one of them starts with. */
  private static String detail(StorageException e) {
    String message = e.getMessage();
    int start = message.indexOf("): ");
    return start < 0 ? message : message.substring(start + 3);
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static Boolean bool(Map<String, String> env, String name, List<String> problems) {
    String v = get(env, name);
    if (v == null) {
      return null;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      problems.add(name + " must be true or false, was '" + v + "'");
      return null;
    }
    return Boolean.parseBoolean(v);
  }

  private static StorageException invalid(String problem) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null, problem);
  }
}
