package dev.lightbox.storage.s3.internal;

import java.io.IOException;

import dev.lightbox.storage.internal.BoundedInputStream;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GET. Closing it before the end aborts the connection instead of draining a possibly
 * large remainder; {@code skip} and {@code limit} serve stores that ignore a Range header.
 */
final class ObjectStream extends BoundedInputStream {
  private static final long DRAIN_LIMIT = 64 * 1024;
  private final ResponseInputStream<?> response;

  ObjectStream(ResponseInputStream<?> response, long length) {
    super(response, length);
    this.response = response;
  }

  /** Skips {@code first} bytes the store sent although they were not asked for. */
  ObjectStream skipFirst(long first) throws IOException {
    long left = first;
    while (left > 0) {
      long n = response.skip(left);
      if (n <= 0) {
        if (response.read() < 0) {
          throw new java.io.EOFException("object ended before the requested range");
        }
        n = 1;
      }
      left -= n;
    }
    return this;
  }

  ObjectStream limitTo(long length) {
    limit(length);
    return this;
  }

  @Override
  public void close() throws IOException {
    if (remaining() > DRAIN_LIMIT) {
      response.abort();
    }
    super.close();
  }
}
