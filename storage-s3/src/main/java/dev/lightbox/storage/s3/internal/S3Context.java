package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.S3Config;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every S3 operation needs: the client (which follows the bucket to its region), the settings, key
 * mapping, the encryption headers and the store's name for errors.
 */
public record S3Context(S3Client client, S3Config config, S3Keys keys, RegionRedirects regions) {
  public static S3Context of(RegionRedirects regions, S3Config config) {
    return new S3Context(regions.client(), config, new S3Keys(config.keyPrefix(), config.describe()), regions);
  }

  SseHeaders sse() {
    return new SseHeaders(config.encryption());
  }

  public String bucket() {
    return config.bucket();
  }

  public String store() {
    return config.describe();
  }

  public StorageException error(Throwable e, String operation, String key) {
    return S3Errors.map(e, operation, store(), key, regions.region());
  }
}
