package dev.lightbox.server.assets;

import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobKey;

/**
 * Where one stored object is, as the catalog records it: {@code disk:<key>} (a path under the data dir's
 * storage folder), {@code s3:<key>} (a key under the configured bucket and prefix), or
 * {@code library:<library id>/<key>} (a file of a library in place, read where it is and never written;
 * then {@link #backend()} is null and {@link #library()} names the library). Every read and delete routes by
 * this, so objects stay readable wherever new uploads go.
 */
public record Location(StorageBackend backend, BlobKey key, String library) {
  public static final String LIBRARY_PREFIX = "library:";

  public Location {
    if ((backend == null) == (library == null)) {
      throw new IllegalArgumentException("a location names either a backend or a library");
    }
    if (library != null && (library.isEmpty() || library.contains("/"))) {
      throw new IllegalArgumentException("library id '" + library + "' is empty or contains '/'");
    }
  }

  public Location(StorageBackend backend, BlobKey key) {
    this(backend, key, null);
  }

  /** The file {@code key} (relative to the library's root or prefix) of library {@code libraryId}. */
  public static Location inLibrary(String libraryId, BlobKey key) {
    return new Location(null, key, libraryId);
  }

  public boolean isLibrary() {
    return library != null;
  }

  public static Location parse(String text) {
    if (text.startsWith(LIBRARY_PREFIX)) {
      int slash = text.indexOf('/', LIBRARY_PREFIX.length());
      if (slash < 0) {
        throw new IllegalArgumentException("library location '" + text + "' has no key after the library id");
      }
      return inLibrary(text.substring(LIBRARY_PREFIX.length(), slash), BlobKey.of(text.substring(slash + 1)));
    }
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
    return library != null ? LIBRARY_PREFIX + library + "/" + key.value() : backend.id() + ":" + key.value();
  }
}
