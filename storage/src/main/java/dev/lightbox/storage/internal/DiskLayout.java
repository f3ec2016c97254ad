package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/**
 * Maps keys to files under a root and refuses any key that would leave it, through symbolic links too.
 * Names starting with {@code .lightbox} are the store's own (temp files, sidecars) and never keys.
 */
public final class DiskLayout {
  public static final String TEMP_PREFIX = ".lightbox-tmp-";
  static final String RESERVED_PREFIX = ".lightbox";
  static final String SIDECAR_DIR = ".lightbox-meta";

  private final Path root;
  private final String describe;

  public DiskLayout(Path realRoot) {
    this.root = realRoot;
    this.describe = "disk:" + realRoot;
  }

  public Path root() {
    return root;
  }

  public String describe() {
    return describe;
  }

  public static boolean isReservedName(String fileName) {
    return fileName.startsWith(RESERVED_PREFIX);
  }

  /** The file for {@code key}, after checking that no existing component on the way is a link. */
  public Path resolve(BlobKey key, String operation) {
    String[] segments = key.value().split("/");
    for (String segment : segments) {
      if (isReservedName(segment)) {
        throw StorageException.of(Kind.INVALID_KEY, operation, describe, key.value(),
            "segments starting with '" + RESERVED_PREFIX + "' are reserved for the store's own files");
      }
    }
    Path current = root;
    for (String segment : segments) {
      current = current.resolve(segment);
      if (Files.isSymbolicLink(current)) {
        throw StorageException.of(Kind.ACCESS_DENIED, operation, describe, key.value(),
            "the key passes through a symbolic link; links are never followed, so that no key can resolve "
                + "outside the root. Replace the link with a real directory or file");
      }
      if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        break; // nothing below a missing directory (or a file) can be a link
      }
    }
    Path file = root.resolve(key.value()).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw StorageException.of(Kind.INVALID_KEY, operation, describe, key.value(), "the key leaves the root");
    }
    return file;
  }

  /** The sidecar file that holds attributes where extended attributes are not available. */
  public Path sidecar(BlobKey key) {
    return root.resolve(SIDECAR_DIR).resolve(key.value() + ".attrs");
  }

  /** The key of a file under the root. */
  public String keyOf(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /** Removes empty directories from {@code dir} up to (not including) {@code stop}; best effort. */
  public static void pruneEmptyDirs(Path dir, Path stop) {
    Path current = dir;
    while (current != null && !current.equals(stop) && current.startsWith(stop)) {
      try {
        Files.delete(current);
      } catch (IOException notEmptyOrGone) {
        return;
      }
      current = current.getParent();
    }
  }
}
