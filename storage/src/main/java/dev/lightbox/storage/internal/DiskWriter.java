package dev.lightbox.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/**
 * Writes one object all-or-nothing: bytes stream into a temp file beside the target while they are
 * hashed, the attributes are attached, the file is fsynced and renamed over the target atomically, and
 * the directory is fsynced. On any failure the temp file is removed and the old object stays as it was.
 */
public final class DiskWriter {
  private static final int BUFFER = 256 * 1024;

  private final DiskLayout layout;
  private final DiskAttributes attributes;

  public DiskWriter(DiskLayout layout, DiskAttributes attributes) {
    this.layout = layout;
    this.attributes = attributes;
  }

  public StoredAttributes write(BlobKey key, Path target, InputStream in, long length, PutOptions options) {
    Path temp = null;
    try {
      Path dir = target.getParent();
      temp = createTemp(dir);
      HashingInputStream hashing = new HashingInputStream(in, options.progress());
      options.progress().onStart(length);
      copy(hashing, temp, length, key);
      String sha256 = hashing.sha256Hex();
      if (options.expectedSha256() != null && !options.expectedSha256().equals(sha256)) {
        throw StorageException.of(Kind.INTEGRITY, "put", layout.describe(), key.value(),
            "content hashes to " + sha256 + " but the caller expected " + options.expectedSha256()
                + "; nothing was stored");
      }
      StoredAttributes stored = new StoredAttributes(hashing.count(), sha256, options.contentType(),
          options.cacheControl(), options.contentDisposition(), options.userMetadata());
      attributes.attach(temp, key, stored);
      moveIntoPlace(temp, target);
      temp = null;
      fsyncDirectory(dir);
      options.progress().onComplete(stored.size());
      return stored;
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "put", layout.describe(), key.value(),
          "could not write the file: " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private Path createTemp(Path dir) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, DiskLayout.TEMP_PREFIX, ".part");
      } catch (NoSuchFileException raceWithPrune) {
        if (attempt >= 5) {
          throw raceWithPrune; // a concurrent delete kept removing the empty directory
        }
      }
    }
  }

  private void copy(InputStream in, Path temp, long length, BlobKey key) throws IOException {
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[BUFFER];
      ByteBuffer wrap = ByteBuffer.wrap(buf);
      long written = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        wrap.clear().limit(n);
        while (wrap.hasRemaining()) {
          out.write(wrap);
        }
        written += n;
        if (length >= 0 && written > length) {
          break;
        }
      }
      if (length >= 0 && written != length) {
        throw StorageException.of(Kind.INVALID_ARGUMENT, "put", layout.describe(), key.value(),
            "the caller declared " + length + " bytes but the stream held " + (written > length ? "more" : written)
                + "; nothing was stored");
      }
      out.force(true);
    }
  }

  static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically; Lightbox needs a local POSIX file system", e);
    }
  }

  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some file systems refuse to open directories; the rename is still atomic there
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // leftover temp files are hidden from listings; nothing points at them
      }
    }
  }
}
