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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores the library uses, one per backend, with every read and delete routed by the object's
 * {@link Location}. New objects go to the write backend; objects already stored keep being read from
 * wherever they are. Originals in a library in place ({@code library:} locations) are read through the
 * read-only store the {@link LibraryReaders} hand out, and never written or deleted.
 */
public final class LibraryStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryStorage.class);
  private final Map<StorageBackend, BlobStore> stores;
  private final StorageBackend writeBackend;
  private volatile LibraryReaders libraries = id -> null;

  /** The read-only stores of libraries in place, by library id (null for a library that is not registered). */
  @FunctionalInterface
  public interface LibraryReaders {
    BlobStore reader(String libraryId);
  }

  public LibraryStorage(Map<StorageBackend, BlobStore> stores, StorageBackend writeBackend) {
    this.stores = new EnumMap<>(StorageBackend.class);
    this.stores.putAll(stores);
    this.writeBackend = writeBackend;
    store(writeBackend);
  }

  /** Where {@code library:} locations are read from (set once at start-up by the library service). */
  public void libraries(LibraryReaders readers) {
    this.libraries = readers;
  }

  private BlobStore reader(Location location) {
    BlobStore store = libraries.reader(location.library());
    if (store == null) {
      throw new ServerException(ServerException.Kind.GONE, "the library of " + location
          + " is not registered any more; an admin can add it again under Libraries");
    }
    return store;
  }

  /** Whether the object can be handed out as a presigned URL (S3, or a library in a bucket). */
  public boolean presigns(Location location) {
    if (location.isLibrary()) {
      BlobStore store = libraries.reader(location.library());
      return store != null && store.capabilities().presign();
    }
    return location.backend() == StorageBackend.S3;
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
    if (location.isLibrary()) {
      throw new ServerException(ServerException.Kind.INTERNAL, "refused to write " + location
          + ": Lightbox never writes into a library in place");
    }
    return store(location.backend()).put(location.key(), file, options);
  }

  public BlobStream open(Location location, ByteRange range) {
    BlobStore store = location.isLibrary() ? reader(location) : store(location.backend());
    return range == null ? store.get(location.key()) : store.getRange(location.key(), range);
  }

  public BlobInfo head(Location location) {
    return (location.isLibrary() ? reader(location) : store(location.backend())).head(location.key());
  }

  /** Deletes the object; a file of a library in place is left alone (only its catalog row goes). */
  public void delete(Location location) {
    if (location.isLibrary()) {
      LOG.debug("not deleting {}: files of a library in place are never touched", location);
      return;
    }
    store(location.backend()).delete(location.key());
  }

  public PresignedUrl presignGet(Location location, PresignRequest request) {
    return (location.isLibrary() ? reader(location) : store(location.backend())).presignGet(location.key(), request);
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
