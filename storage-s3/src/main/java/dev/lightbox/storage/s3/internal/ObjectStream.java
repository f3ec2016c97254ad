package dev.lightbox.storage.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GET. Closing it before the end aborts the connection instead of draining a possibly
 * large remainder; {@code skip} and {@code limit} serve stores that ignore a Range header.
 */
final class ObjectStream extends FilterInputStream {
  private static final long DRAIN_LIMIT = 64 * 1024;
  private final ResponseInputStream<?> response;
  private long remaining;

  ObjectStream(ResponseInputStream<?> response, long length) {
    super(response);
    this.response = response;
    this.remaining = length;
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

  ObjectStream limit(long length) {
    remaining = length;
    return this;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = super.read();
    if (b >= 0) {
      remaining--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return len == 0 ? 0 : -1;
    }
    int n = super.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(super.available(), remaining);
  }

  @Override
  public void close() throws IOException {
    if (remaining > DRAIN_LIMIT) {
      response.abort();
    }
    super.close();
  }
}
