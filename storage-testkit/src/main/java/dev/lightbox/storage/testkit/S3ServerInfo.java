package dev.lightbox.storage.testkit;

import java.net.URI;

/**
 * How to reach a local S3 test server: its endpoint, region, credentials and the bucket it created.
 * {@link #toString()} leaves the secret out.
 */
public record S3ServerInfo(URI endpoint, String region, String accessKey, String secretKey, String bucket) {
  @Override
  public String toString() {
    return "S3ServerInfo[" + endpoint + " region " + region + " bucket " + bucket + " access key " + accessKey + "]";
  }
}
