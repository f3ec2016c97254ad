package dev.lightbox.server.config;

import java.net.URI;

/** The bucket the server reads and writes; the secret never appears in {@link #toString()}. */
public record S3Settings(
    String bucket,
    String region,
    URI endpoint,
    String prefix,
    String accessKeyId,
    String secretAccessKey,
    boolean pathStyle) {

  public boolean hasStaticCredentials() {
    return accessKeyId != null && secretAccessKey != null;
  }

  @Override
  public String toString() {
    return "S3Settings[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", prefix=" + prefix
        + ", accessKeyId=" + (accessKeyId == null ? null : "(set)") + ", secretAccessKey="
        + (secretAccessKey == null ? null : "(set)") + ", pathStyle=" + pathStyle + "]";
  }
}
