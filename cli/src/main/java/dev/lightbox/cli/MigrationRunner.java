package dev.lightbox.cli;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.migration.MigrationEstimate;
import dev.lightbox.server.migration.MigrationListener;
import dev.lightbox.server.migration.MigrationProgress;
import dev.lightbox.server.migration.MigrationReport;
import dev.lightbox.server.migration.Migrator;
import dev.lightbox.server.migration.PreparedRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Prints the estimate, runs a prepared batch with a progress bar, prints the summary, picks the exit code. */
final class MigrationRunner {
  /** Every object moved or skipped. */
  static final int OK = 0;
  /** The batch completed, but some objects could not be moved (they stay where they were). */
  static final int SOME_FAILED = 1;
  /** A store or the catalog failed; the batch stopped and resumes when the command runs again. */
  static final int STOPPED = 69;
  /** Another migration runs, or another batch is unfinished. */
  static final int BUSY = 75;
  /** Interrupted (Ctrl-C); the batch resumes when the command runs again. */
  static final int INTERRUPTED = 130;

  private final PrintStream out;
  private final PrintStream err;

  MigrationRunner(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static void printEstimate(PrintStream out, MigrationEstimate e) {
    out.printf(Locale.ROOT, "  %-10s %12s %12s%n", "kind", "objects", "size");
    e.byKind().forEach((kind, t) -> out.printf(Locale.ROOT, "  %-10s %12s %12s%n", kind.id(), Sizes.count(t.objects()),
        Sizes.bytes(t.bytes())));
    out.printf(Locale.ROOT, "  %-10s %12s %12s%n", "total", Sizes.count(e.objects()), Sizes.bytes(e.bytes()));
  }

  int run(Migrator migrator, PreparedRun prepared) {
    MigrationEstimate e = prepared.estimate();
    String direction = e.source().id() + " (" + migrator.describe(e.source()) + ") to " + e.target().id() + " ("
        + migrator.describe(e.target()) + ")";
    if (prepared.nothingToDo()) {
      out.println("Nothing to migrate: no " + kinds(e) + " objects are in " + e.source().id() + ".");
      MigrationReport cleanup = prepared.run(new MigrationListener() { });
      if (cleanup.sourcesDeleted() > 0) {
        out.println("Deleted " + Sizes.count(cleanup.sourcesDeleted()) + " source objects that earlier batches had"
            + " kept and nothing needs any more.");
      }
      return OK;
    }
    boolean rollback = "rollback".equals(prepared.operation());
    out.println((prepared.resumed() ? "Resuming batch " + prepared.batchId() + ": " : "Batch " + prepared.batchId()
        + ": ") + (rollback ? "rolling back" : "migrating") + " from " + direction + (rollback
        ? ", then deleting the copies the migration made" : prepared.deleteSource()
        ? ", deleting each source object after its copy is verified and switched" : ", keeping the source objects"));
    printEstimate(out, e);
    out.flush();

    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>(false);
    Thread hook = new Thread(() -> {
      interrupted.set(true);
      prepared.stop("interrupted");
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // exiting anyway
      }
    }, "lightbox-migrate-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      long started = System.nanoTime();
      MigrationReport report = runWithBar(prepared);
      printSummary(report, Duration.ofNanos(System.nanoTime() - started));
      if (interrupted.get()) {
        return INTERRUPTED;
      }
      if (!report.completed()) {
        return STOPPED;
      }
      return report.failed() > 0 ? SOME_FAILED : OK;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it waited for this summary
      }
    }
  }

  private MigrationReport runWithBar(PreparedRun prepared) {
    AtomicReference<ProgressBar> bar = new AtomicReference<>();
    try {
      return prepared.run(new MigrationListener() {
        @Override
        public void started(MigrationProgress progress, boolean resumed) {
          bar.set(new ProgressBar(progress, err, ProgressBar.isTerminal()));
        }

        @Override
        public void note(String message) {
          err.println((ProgressBar.isTerminal() ? "\n" : "") + "lightbox: " + message);
        }
      });
    } finally {
      if (bar.get() != null) {
        bar.get().close();
      }
    }
  }

  private void printSummary(MigrationReport r, Duration total) {
    long handled = r.moved() + r.skipped() + r.failed() + r.leftAlone();
    double secs = Math.max(r.elapsed().toMillis() / 1000.0, 0.001);
    out.printf(Locale.ROOT, "Batch %s %s in %s: %s moved (%s), %s skipped (already at the target), %s failed,"
            + " %s left alone (deleted or changed meanwhile)%s.%n", r.batchId(), r.completed() ? "completed" : "stopped",
        Sizes.seconds(total), Sizes.count(r.moved()), Sizes.bytes(r.bytesCopied()), Sizes.count(r.skipped()),
        Sizes.count(r.failed()), Sizes.count(r.leftAlone()),
        r.sourcesDeleted() > 0 ? "; " + Sizes.count(r.sourcesDeleted()) + " source objects deleted" : "");
    out.printf(Locale.ROOT, "Rate: %.0f objects/s, %s copied, over the %s spent copying.%n", handled / secs,
        Sizes.rate(r.bytesCopied() / secs), Sizes.seconds(r.elapsed()));
    if (!r.failures().isEmpty()) {
      out.println("Failures" + (r.failures().size() < r.failed() ? " (first " + r.failures().size() + ")" : "") + ":");
      r.failures().forEach(f -> out.println("  " + f.assetId() + " " + f.kind() + ": " + f.reason()));
    }
    if (r.stopReason() != null) {
      err.println("lightbox: batch " + r.batchId() + " stopped: " + r.stopReason());
      err.println("lightbox: nothing is lost; run the same command again to continue where it stopped.");
    }
    out.flush();
  }

  private static String kinds(MigrationEstimate e) {
    return String.join(", ", e.byKind().keySet().stream().map(ObjectKind::id).toList());
  }
}
