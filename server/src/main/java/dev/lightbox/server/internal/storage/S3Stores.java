package dev.lightbox.server.internal.storage;

import dev.lightbox.server.config.S3Settings;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;

/** Opens the S3 store from the server's settings. */
public final class S3Stores {
  private S3Stores() {
  }

  public static S3Config config(S3Settings s) {
    S3Config.Builder b = S3Config.builder().bucket(s.bucket()).region(s.region()).pathStyle(s.pathStyle());
    if (s.endpoint() != null) {
      b.endpoint(s.endpoint());
    }
    if (s.prefix() != null) {
      b.keyPrefix(s.prefix());
    }
    if (s.hasStaticCredentials()) {
      b.credentials(s.accessKeyId(), s.secretAccessKey());
    }
    return b.build();
  }

  public static BlobStore open(S3Settings settings) {
    return S3BlobStore.open(config(settings));
  }
}
