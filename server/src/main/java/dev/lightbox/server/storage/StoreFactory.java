package dev.lightbox.server.storage;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.disk.DiskBlobStore;
import java.util.EnumMap;
import java.util.Map;

/** Opens the stores the configuration names: always the disk store, and the bucket when one is set. */
public final class StoreFactory {
  private StoreFactory() {
  }

  public static Map<StorageBackend, BlobStore> open(ServerConfig config, Map<StorageBackend, BlobStore> given) {
    Map<StorageBackend, BlobStore> stores = new EnumMap<>(StorageBackend.class);
    stores.putAll(given);
    stores.computeIfAbsent(StorageBackend.DISK, b -> DiskBlobStore.open(config.diskRoot()));
    if (config.s3() != null && !stores.containsKey(StorageBackend.S3)) {
      stores.put(StorageBackend.S3, S3Stores.open(config.s3()));
    }
    return stores;
  }

  /** Refuses to start when the catalog holds objects in a backend that is not configured. */
  public static void checkCatalogBackends(Catalog catalog, LibraryStorage storage) {
    for (Map.Entry<String, Long> e : catalog.assets().countObjectsByBackend().entrySet()) {
      boolean known = e.getKey().equals("library"); // read from the libraries' own stores
      for (StorageBackend b : StorageBackend.values()) {
        if (b.id().equals(e.getKey())) {
          known = storage.has(b);
        }
      }
      if (!known) {
        throw new ServerException(Kind.UNAVAILABLE, "the catalog holds " + e.getValue() + " objects in "
            + e.getKey() + " storage, which is not configured; set LIGHTBOX_S3_BUCKET (and the other LIGHTBOX_S3_*"
            + " settings) as they were when those objects were stored");
      }
    }
  }
}
