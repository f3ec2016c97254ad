package dev.lightbox.server.internal.storage;

import dev.lightbox.server.config.S3Settings;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Environment;

/** Opens the S3 store from the server's settings. */
public final class S3Stores {
  private S3Stores() {
  }

  /**
   * The store's settings, read the same way {@code lightbox doctor} reads them: presets and their quirks,
   * credential layers and profiles, encryption, read-only (see {@link S3Environment}).
   */
  public static S3Config config(S3Settings s) {
    return S3Environment.configure(s.providerEnv(), null).build();
  }

  public static BlobStore open(S3Settings settings) {
    return S3BlobStore.open(config(settings));
  }
}
