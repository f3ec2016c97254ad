package dev.lightbox.storage.s3.internal;

import java.io.InputStream;

import dev.lightbox.storage.TransferProgress;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A request body over a slice of a buffer that reports bytes to a progress listener as the SDK reads
 * them. When the SDK starts over (a retry, or a re-read to sign the payload), the bytes already reported
 * are taken back first, so the listener's total ends at the bytes stored.
 */
final class ProgressBody implements ContentStreamProvider {
  private final byte[] data;
  private final int offset;
  private final int length;
  private final TransferProgress progress;
  private long reported;

  private ProgressBody(byte[] data, int offset, int length, TransferProgress progress) {
    this.data = data;
    this.offset = offset;
    this.length = length;
    this.progress = progress;
  }

  static RequestBody of(byte[] data, int offset, int length, TransferProgress progress, String contentType) {
    ProgressBody body = new ProgressBody(data, offset, length, progress);
    return RequestBody.fromContentProvider(body, length, contentType == null ? "application/octet-stream" : contentType);
  }

  @Override
  public synchronized InputStream newStream() {
    if (reported > 0) {
      progress.onRetry(reported);
      reported = 0;
    }
    return new SliceStream();
  }

  private synchronized void report(int n) {
    reported += n;
    progress.onBytes(n);
  }

  /** Reads the slice; every read path goes through {@link #read(byte[], int, int)} so nothing escapes the count. */
  private final class SliceStream extends InputStream {
    private int pos = offset;
    private final int end = offset + length;

    @Override
    public int read() {
      if (pos >= end) {
        return -1;
      }
      report(1);
      return data[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      report(n);
      return n;
    }

    @Override
    public int available() {
      return end - pos;
    }
  }

  @Override
  public String name() {
    return "Lightbox";
  }
}
