package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.internal.HashingInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Puts one object's bytes at its target and proves they landed: the target is read back in full and its
 * SHA-256 compared with the catalog's (an ETag is never taken for a hash).
 */
final class ObjectCopier {
  private final LibraryStorage storage;

  ObjectCopier(LibraryStorage storage) {
    this.storage = storage;
  }

  /** What a target holds: its size and SHA-256 as read back, or null when there is nothing. */
  record Landed(long size, String sha256) {
  }

  /** The catalog points at a source object that storage does not have. */
  static final class SourceMissing extends RuntimeException {
    SourceMissing(Location source, Throwable cause) {
      super("the catalog points at " + source + " but storage has nothing there", cause);
    }
  }

  /**
   * Streams the source to the target; the put itself refuses content that does not hash to the expected
   * SHA-256 (INTEGRITY), and stores nothing then. A failure while reading the source is reported as such.
   * Every copy is read back and checked ({@link #verified}) before the catalog may name it, so the put is
   * marked verified by its caller (the store need not check the body in transit a second time).
   */
  void copy(Location source, Location target, StoredObject expected) {
    BlobStore to = storage.store(target.backend());
    BlobStream opened;
    try {
      opened = storage.open(source, null);
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.NOT_FOUND) {
        throw new SourceMissing(source, e);
      }
      throw e;
    }
    try (SourceStream in = new SourceStream(opened)) {
      try {
        to.put(target.key(), in, expected.sizeBytes(), PutOptions.builder().contentType(expected.mediaType())
            .expectedSha256(expected.sha256()).verifiedByCaller(true).build());
      } catch (StorageException e) {
        if (in.failure != null) {
          throw StorageException.retryable(StorageException.Kind.UNAVAILABLE, "copy", source.backend().id(),
              source.key().value(), "reading the source failed: " + in.failure.getMessage(), true, in.failure);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Remembers an I/O failure of the source, to tell it from a failure of the target. */
  private static final class SourceStream extends FilterInputStream {
    private IOException failure;

    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** Reads the target back and hashes it; null when it is not there. */
  Landed readBack(Location target) {
    MessageDigest digest = HashingInputStream.newSha256();
    byte[] buf = new byte[64 * 1024];
    long size = 0;
    try (InputStream in = storage.open(target, null)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
        size += n;
      }
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    } catch (IOException e) {
      throw StorageException.of(StorageException.Kind.UNAVAILABLE, "verify", target.backend().id(),
          target.key().value(), "reading the copy back failed: " + e.getMessage(), e);
    }
    return new Landed(size, HexFormat.of().formatHex(digest.digest()));
  }

  /** True when the target holds exactly the expected bytes. */
  boolean verified(Location target, StoredObject expected) {
    Landed landed = readBack(target);
    return landed != null && landed.size() == expected.sizeBytes() && landed.sha256().equals(expected.sha256());
  }

  /** Deletes a copy nobody points at; a failure is reported, not thrown. */
  String deleteQuietly(Location location) {
    try {
      storage.delete(location);
      return null;
    } catch (RuntimeException e) {
      return "could not delete the unused copy " + location + ": " + e.getMessage();
    }
  }
}
