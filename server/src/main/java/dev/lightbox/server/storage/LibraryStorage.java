package dev.lightbox.server.storage;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The stores the library uses, one per backend, with every read and delete routed by the object's
 * {@link Location}. New objects go to the write backend; objects already stored keep being read from
 * wherever they are.
 */
public final class LibraryStorage implements AutoCloseable {
  private final Map<StorageBackend, BlobStore> stores;
  private final StorageBackend writeBackend;

  public LibraryStorage(Map<StorageBackend, BlobStore> stores, StorageBackend writeBackend) {
    this.stores = new EnumMap<>(StorageBackend.class);
    this.stores.putAll(stores);
    this.writeBackend = writeBackend;
    store(writeBackend);
  }

  public StorageBackend writeBackend() {
    return writeBackend;
  }

  /** Every configured store, by backend. */
  public Map<StorageBackend, BlobStore> stores() {
    return java.util.Collections.unmodifiableMap(stores);
  }

  public boolean has(StorageBackend backend) {
    return stores.containsKey(backend);
  }

  /** The store of a backend; fails when that backend is not configured. */
  public BlobStore store(StorageBackend backend) {
    BlobStore store = stores.get(backend);
    if (store == null) {
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "the catalog holds objects in " + backend.id()
          + " storage but it is not configured; set the LIGHTBOX_S3_* settings again to read them");
    }
    return store;
  }

  /** Where a new object under {@code key} goes. */
  public Location newLocation(String key) {
    return new Location(writeBackend, BlobKey.of(key));
  }

  public BlobInfo put(Location location, Path file, PutOptions options) {
    return store(location.backend()).put(location.key(), file, options);
  }

  public BlobStream open(Location location, ByteRange range) {
    BlobStore store = store(location.backend());
    return range == null ? store.get(location.key()) : store.getRange(location.key(), range);
  }

  public BlobInfo head(Location location) {
    return store(location.backend()).head(location.key());
  }

  public void delete(Location location) {
    store(location.backend()).delete(location.key());
  }

  public PresignedUrl presignGet(Location location, PresignRequest request) {
    return store(location.backend()).presignGet(location.key(), request);
  }

  public String describe(StorageBackend backend) {
    BlobStore store = stores.get(backend);
    return store == null ? "not configured" : store.describe();
  }

  @Override
  public void close() {
    stores.values().forEach(BlobStore::close);
  }
}
