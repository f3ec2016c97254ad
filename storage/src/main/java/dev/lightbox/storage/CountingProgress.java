package dev.lightbox.storage;

import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe {@link TransferProgress} that counts; handy for progress bars and tests. */
public final class CountingProgress implements TransferProgress {
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private volatile long total = -1;
  private volatile boolean completed;

  @Override
  public void onStart(long totalBytes) {
    total = totalBytes;
  }

  @Override
  public void onBytes(long n) {
    bytes.addAndGet(n);
  }

  @Override
  public void onRetry(long n) {
    retried.addAndGet(n);
    bytes.addAndGet(-n);
  }

  @Override
  public void onComplete(long totalBytes) {
    completed = true;
  }

  public long bytes() {
    return bytes.get();
  }

  public long retriedBytes() {
    return retried.get();
  }

  public long total() {
    return total;
  }

  public boolean completed() {
    return completed;
  }
}
