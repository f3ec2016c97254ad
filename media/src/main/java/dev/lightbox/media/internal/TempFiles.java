package dev.lightbox.media.internal;

import dev.lightbox.media.MediaException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Temp files for one processor: created in the configured directory, always deleted by their user. */
final class TempFiles {
  private final Path dir;

  TempFiles(Path dir) {
    this.dir = dir;
  }

  Path create(String prefix, String suffix) throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "lightbox-" + prefix, suffix);
  }

  /** A fresh path beside {@code target}, so the finished file moves into place atomically. */
  Path sibling(Path target, String extension) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.INTERNAL, null, "cannot create " + parent + " (" + e + ")", e);
    }
    return parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp." + extension);
  }

  /**
   * Makes the finished file visible under its name in one step. It is not fsynced: a rendition is an
   * intermediate that the caller stores durably (BlobStore), and an fsync would cost as much as a fifth of
   * a thumbnail's time.
   */
  void moveInto(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort; the name is unique and marked temporary
    }
  }
}
