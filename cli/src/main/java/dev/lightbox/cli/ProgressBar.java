package dev.lightbox.cli;

import dev.lightbox.server.migration.MigrationProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws a migration's progress on standard error: a bar redrawn in place on a terminal, or a plain line
 * every few seconds when the output goes to a file or a pipe. Objects/s, MB/s copied, and the ETA.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 24;

  private final MigrationProgress progress;
  private final PrintStream err;
  private final boolean terminal;
  private final Thread thread;
  private volatile boolean closed;
  private int lastLength;

  ProgressBar(MigrationProgress progress, PrintStream err, boolean terminal) {
    this.progress = progress;
    this.err = err;
    this.terminal = terminal;
    this.thread = Thread.ofPlatform().daemon().name("lightbox-progress").start(this::loop);
  }

  static boolean isTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  private void loop() {
    long interval = terminal ? 250 : 5_000;
    while (!closed) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        draw();
      }
    }
  }

  private synchronized void draw() {
    MigrationProgress.Snapshot s = progress.snapshot();
    String line = line(s);
    if (terminal) {
      String padded = line + " ".repeat(Math.max(0, lastLength - line.length()));
      err.print("\r" + padded);
      lastLength = line.length();
    } else {
      err.println("progress: " + line);
    }
    err.flush();
  }

  static String line(MigrationProgress.Snapshot s) {
    double fraction = s.totalObjects() == 0 ? 1 : (double) s.objectsDone() / s.totalObjects();
    int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
    String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    String phase = "copying".equals(s.phase()) ? "" : "  (" + s.phase() + ")";
    return String.format(Locale.ROOT, "%s %s/%s objects %3d%%  %.0f objects/s  %s  ETA %s%s", bar,
        Sizes.count(s.objectsDone()), Sizes.count(s.totalObjects()), Math.round(fraction * 100), s.objectsPerSecond(),
        Sizes.rate(s.bytesPerSecond()), Sizes.duration(s.eta()), phase);
  }

  @Override
  public synchronized void close() {
    closed = true;
    thread.interrupt();
    if (terminal) {
      draw();
      err.println();
    }
    err.flush();
  }
}
