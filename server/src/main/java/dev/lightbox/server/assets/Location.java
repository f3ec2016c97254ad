package dev.lightbox.server.assets;

import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobKey;

/**
 * Where one stored object is, as the catalog records it: {@code disk:<key>} (a path under the data dir's
 * storage folder) or {@code s3:<key>} (a key under the configured bucket and prefix). Every read and
 * delete routes by this, so objects stay readable wherever new uploads go.
 */
public record Location(StorageBackend backend, BlobKey key) {

  public static Location parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("location '" + text + "' has no backend prefix such as disk: or s3:");
    }
    String backend = text.substring(0, colon);
    for (StorageBackend b : StorageBackend.values()) {
      if (b.id().equals(backend)) {
        return new Location(b, BlobKey.of(text.substring(colon + 1)));
      }
    }
    throw new IllegalArgumentException("location '" + text + "' names an unknown backend '" + backend + "'");
  }

  @Override
  public String toString() {
    return backend.id() + ":" + key.value();
  }
}
