package dev.lightbox.server.internal.storage;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.config.S3Settings;
import dev.lightbox.storage.BlobStore;

/** Opens the S3 store from the server's settings. */
final class S3Stores {
  private S3Stores() {
  }

  static BlobStore open(S3Settings settings) {
    throw new ServerException(ServerException.Kind.UNAVAILABLE, "the S3 backend is not part of this build yet;"
        + " unset LIGHTBOX_S3_BUCKET or use LIGHTBOX_STORAGE_BACKEND=disk");
  }
}
