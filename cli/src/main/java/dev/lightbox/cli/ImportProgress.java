package dev.lightbox.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The import's progress line on standard error, redrawn in place while a phase (hashing, uploading) runs:
 * files done of the total, files/s, MB/s and the ETA. Drawn only on a terminal; a pipe or file gets the summary.
 */
final class ImportProgress implements AutoCloseable {
  private final String phase;
  private final long totalFiles;
  private final long totalBytes;
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private int lastLength;

  ImportProgress(String phase, long totalFiles, long totalBytes, PrintStream err, boolean terminal) {
    this.phase = phase;
    this.totalFiles = totalFiles;
    this.totalBytes = totalBytes;
    this.err = err;
    this.thread = terminal ? Thread.ofPlatform().daemon().name("lightbox-import-progress").start(this::loop) : null;
  }

  void fileDone(long size) {
    files.incrementAndGet();
    bytes.addAndGet(size);
  }

  private void loop() {
    while (!closed) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
      draw();
    }
  }

  private synchronized void draw() {
    if (closed) {
      return;
    }
    String line = line(phase, files.get(), totalFiles, bytes.get(), totalBytes,
        Duration.ofNanos(System.nanoTime() - startNanos));
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  static String line(String phase, long files, long totalFiles, long bytes, long totalBytes, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double bytesPerSecond = bytes / seconds;
    Duration eta = bytes == 0 ? null : Duration.ofSeconds((long) ((totalBytes - bytes) / bytesPerSecond));
    return String.format(Locale.ROOT, "%s %s/%s files  %s/%s  %.1f files/s  %s  ETA %s", phase, Sizes.count(files),
        Sizes.count(totalFiles), Sizes.bytes(bytes), Sizes.bytes(totalBytes), files / seconds,
        Sizes.rate(bytesPerSecond), Sizes.duration(eta));
  }

  @Override
  public synchronized void close() {
    if (thread == null) {
      return;
    }
    closed = true;
    thread.interrupt();
    err.print("\r" + " ".repeat(lastLength) + "\r");
    err.flush();
  }
}
