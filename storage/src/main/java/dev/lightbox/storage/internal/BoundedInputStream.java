package dev.lightbox.storage.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Yields at most {@code limit} bytes of the underlying stream. */
public class BoundedInputStream extends FilterInputStream {
  private long remaining;

  public BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.remaining = limit;
  }

  /** Bytes still to yield. */
  protected final long remaining() {
    return remaining;
  }

  /** Yields at most {@code limit} more bytes from here on. */
  protected final void limit(long limit) {
    remaining = limit;
  }

  @Override
  public int read() throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int b = in.read();
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
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
