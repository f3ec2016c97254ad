package dev.lightbox.server.storage;

import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;

/** Opens the S3 store from the settings the configuration built (see {@code ServerConfig#s3()}). */
public final class S3Stores {
  private S3Stores() {
  }

  public static BlobStore open(S3Config config) {
    return S3BlobStore.open(config);
  }
}
