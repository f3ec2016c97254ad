package dev.lightbox.storage.testkit.memory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.internal.HashingInputStream;

/** Reads a put's body while hashing it, with the disk writer's checks of length and expected SHA-256. */
final class MemoryWriter {
  private static final int BUFFER = 256 * 1024;
  private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

  /** The body and its lowercase hex SHA-256. */
  record Body(byte[] bytes, String sha256) {
  }

  private MemoryWriter() {
  }

  static Body read(String store, BlobKey key, InputStream in, long length, PutOptions options) {
    if (length > MAX_SIZE) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", store, key.value(),
          "an in-memory store holds objects of at most " + MAX_SIZE + " bytes, not " + length
              + "; use a disk store for this test");
    }
    HashingInputStream hashing = new HashingInputStream(in, options.progress());
    options.progress().onStart(length);
    byte[] bytes = copy(store, key, hashing, length);
    String sha256 = hashing.sha256Hex();
    if (options.expectedSha256() != null && !options.expectedSha256().equals(sha256)) {
      throw StorageException.of(Kind.INTEGRITY, "put", store, key.value(),
          "content hashes to " + sha256 + " but the caller expected " + options.expectedSha256()
              + "; nothing was stored");
    }
    return new Body(bytes, sha256);
  }

  private static byte[] copy(String store, BlobKey key, InputStream in, long length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, BUFFER) : 32);
    byte[] buf = new byte[BUFFER];
    long written = 0;
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        written += n;
        if ((length >= 0 && written > length) || written > MAX_SIZE) {
          break;
        }
      }
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "put", store, key.value(), "could not read the body: " + e, e);
    }
    if (length >= 0 && written != length) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", store, key.value(),
          "the caller declared " + length + " bytes but the stream held " + (written > length ? "more" : written)
              + "; nothing was stored");
    }
    if (written > MAX_SIZE) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", store, key.value(),
          "an in-memory store holds objects of at most " + MAX_SIZE + " bytes; use a disk store for this test");
    }
    return out.toByteArray();
  }
}
