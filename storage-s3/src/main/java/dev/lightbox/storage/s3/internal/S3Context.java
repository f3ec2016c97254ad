package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.S3Config;
import software.amazon.awssdk.services.s3.S3Client;

/** What every S3 operation needs: the client, the settings, key mapping and the store's name for errors. */
public record S3Context(S3Client client, S3Config config, S3Keys keys) {
  public static S3Context of(S3Client client, S3Config config) {
    return new S3Context(client, config, new S3Keys(config.keyPrefix(), config.describe()));
  }

  public String bucket() {
    return config.bucket();
  }

  public String store() {
    return config.describe();
  }

  public StorageException error(Throwable e, String operation, String key) {
    return S3Errors.map(e, operation, store(), key);
  }
}
