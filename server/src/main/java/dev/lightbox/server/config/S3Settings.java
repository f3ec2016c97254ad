package dev.lightbox.server.config;

import java.net.URI;
import java.util.Map;

/**
 * The bucket the server reads and writes; the secret never appears in {@link #toString()}.
 * {@code providerEnv} holds every {@code LIGHTBOX_S3_*} setting (and the standard {@code AWS_*} and
 * {@code B2_*} keys) so the store is configured exactly as {@code lightbox doctor} configures it: preset,
 * credentials profile, encryption, read-only.
 */
public record S3Settings(
    String bucket,
    String region,
    URI endpoint,
    String prefix,
    String accessKeyId,
    String secretAccessKey,
    boolean pathStyle,
    Map<String, String> providerEnv) {

  public S3Settings {
    providerEnv = providerEnv == null ? Map.of() : Map.copyOf(providerEnv);
  }

  public boolean hasStaticCredentials() {
    return accessKeyId != null && secretAccessKey != null;
  }

  @Override
  public String toString() {
    return "S3Settings[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", prefix=" + prefix
        + ", accessKeyId=" + (accessKeyId == null ? null : "(set)") + ", secretAccessKey="
        + (secretAccessKey == null ? null : "(set)") + ", pathStyle=" + pathStyle + ", settings="
        + new java.util.TreeSet<>(providerEnv.keySet()) + "]";
  }
}
