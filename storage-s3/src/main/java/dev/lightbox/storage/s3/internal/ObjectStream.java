package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;

import dev.lightbox.storage.internal.BoundedInputStream;

/**
 * The body of a GET. Closing it before the end aborts the connection instead of draining a possibly
 * large remainder; {@code skip} and {@code limit} serve stores that ignore a Range header.
 */
final class ObjectStream extends BoundedInputStream {
  private static final long DRAIN_LIMIT = 64 * 1024;
  private final InputStream response;
  private final Runnable abort;

  ObjectStream(ObjectResponse response, long length) {
    super(response.body(), length);
    this.response = response.body();
    this.abort = response.abort();
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
      abort.run();
    }
    super.close();
  }
}
