package dev.lightbox.server.library;

import java.time.Instant;

/**
 * One registered library in place.
 *
 * @param root the directory, for a disk library; null for S3
 * @param s3 where the bucket is and how to reach it, for an S3 library; null for disk
 */
public record Library(String id, String name, Kind kind, String ownerId, String root, S3Source s3,
    Instant createdAt) {

  public enum Kind {
    DISK, S3;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A bucket prefix and its credentials: a key pair, or a profile of the credentials file, or neither (the
   * SDK's default chain). The secret never leaves the server: {@link #toString()} leaves it out.
   */
  public record S3Source(String bucket, String prefix, String endpoint, String region, Boolean pathStyle,
      String accessKeyId, String secretAccessKey, String profile) {

    public String credentialsSource() {
      return accessKeyId != null ? "key pair" : profile != null ? "profile " + profile : "default chain";
    }

    @Override
    public String toString() {
      return "S3Source[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region
          + ", pathStyle=" + pathStyle + ", credentials=" + credentialsSource() + "]";
    }
  }

  /** Where it is, for people: {@code /srv/photos} or {@code s3://bucket/prefix}. */
  public String where() {
    return kind == Kind.DISK ? root : "s3://" + s3.bucket() + "/" + (s3.prefix() == null ? "" : s3.prefix());
  }
}
