package dev.lightbox.server.migration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of a running batch, safe to read from any thread (progress bars, the admin API). */
public final class MigrationProgress {
  private final String batchId;
  private final String operation;
  private final long totalObjects;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private final AtomicLong moved = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong leftAlone = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong bytesCopied = new AtomicLong();
  private final AtomicReference<String> phase = new AtomicReference<>("copying");
  private volatile long copiedNanos = -1;

  public MigrationProgress(String batchId, String operation, long totalObjects, long totalBytes) {
    this.batchId = batchId;
    this.operation = operation;
    this.totalObjects = totalObjects;
    this.totalBytes = totalBytes;
  }

  public String batchId() {
    return batchId;
  }

  public void moved(long bytes) {
    moved.incrementAndGet();
    bytesDone.addAndGet(bytes);
    bytesCopied.addAndGet(bytes);
  }

  public void skipped(long bytes) {
    skipped.incrementAndGet();
    bytesDone.addAndGet(bytes);
  }

  /** Deleted or changed by someone else while the batch ran. */
  public void leftAlone(long bytes) {
    leftAlone.incrementAndGet();
    bytesDone.addAndGet(bytes);
  }

  public void failed(long bytes) {
    failed.incrementAndGet();
    bytesDone.addAndGet(bytes);
  }

  public void phase(String p) {
    phase.set(p);
  }

  /** Every object is handled; what follows (waiting to delete sources) no longer counts for the rates. */
  public void copyingDone() {
    if (copiedNanos < 0) {
      copiedNanos = System.nanoTime();
    }
  }

  public Snapshot snapshot() {
    long end = copiedNanos >= 0 ? copiedNanos : System.nanoTime();
    return new Snapshot(batchId, operation, phase.get(), totalObjects, totalBytes, moved.get(), skipped.get(),
        leftAlone.get(), failed.get(), bytesDone.get(), bytesCopied.get(), Duration.ofNanos(end - startNanos));
  }

  /**
   * One reading of the counters, with the rates derived from them.
   *
   * @param elapsed time spent copying so far (it stops when every object is handled)
   */
  public record Snapshot(String batchId, String operation, String phase, long totalObjects, long totalBytes,
      long moved, long skipped, long leftAlone, long failed, long bytesDone, long bytesCopied, Duration elapsed) {

    public long objectsDone() {
      return moved + skipped + leftAlone + failed;
    }

    public double objectsPerSecond() {
      return perSecond(objectsDone());
    }

    /** Bytes copied (not skipped) per second. */
    public double bytesPerSecond() {
      return perSecond(bytesCopied);
    }

    /** Time left at the current pace (by bytes when there are bytes, else by objects), or null if unknown. */
    public Duration eta() {
      double secs = elapsed.toNanos() / 1e9;
      if (secs <= 0) {
        return null;
      }
      double fraction = totalBytes > 0 ? (double) bytesDone / totalBytes
          : totalObjects > 0 ? (double) objectsDone() / totalObjects : 1;
      if (fraction <= 0) {
        return null;
      }
      return Duration.ofMillis(Math.max(0, (long) (secs * (1 - fraction) / fraction * 1000)));
    }

    private double perSecond(long n) {
      double secs = elapsed.toNanos() / 1e9;
      return secs <= 0 ? 0 : n / secs;
    }
  }
}
