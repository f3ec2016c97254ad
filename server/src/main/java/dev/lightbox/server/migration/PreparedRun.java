package dev.lightbox.server.migration;

import dev.lightbox.server.migration.internal.BatchRow;
import dev.lightbox.server.migration.internal.BatchRun;
import dev.lightbox.server.migration.internal.Journal;
import dev.lightbox.server.migration.internal.KeptSources;
import dev.lightbox.server.migration.internal.Lease;
import dev.lightbox.server.storage.LibraryStorage;
import java.time.Duration;
import java.util.List;

/**
 * A batch ready to run: the lease is held, the plan is in the journal and {@link #estimate()} says what is
 * left. {@link #run} moves the objects and releases the lease; {@link #close()} releases it without running.
 */
public final class PreparedRun implements AutoCloseable {
  private final BatchRow batch;
  private final boolean resumed;
  private final MigrationEstimate estimate;
  private final Lease lease;
  private final BatchRun run;
  private final KeptSources kept;
  private final boolean deleteKept;
  private volatile boolean stopped;

  PreparedRun(Journal journal, LibraryStorage storage, BatchRow batch, boolean resumed, MigrationEstimate estimate,
      Lease lease, int concurrency, Duration grace, boolean deleteKept) {
    this.kept = new KeptSources(journal, storage);
    this.deleteKept = deleteKept;
    this.batch = batch;
    this.resumed = resumed;
    this.estimate = estimate;
    this.lease = lease;
    this.run = batch == null ? null : new BatchRun(journal, storage, batch, concurrency, grace, lease);
  }

  /** The batch id, or null when there is nothing to do. */
  public String batchId() {
    return batch == null ? null : batch.id();
  }

  public String operation() {
    return batch == null ? BatchRow.MIGRATE : batch.operation();
  }

  public boolean resumed() {
    return resumed;
  }

  public boolean deleteSource() {
    return batch != null && batch.deleteSource();
  }

  /** What is left to move in this batch, per kind. */
  public MigrationEstimate estimate() {
    return estimate;
  }

  /** True when no object is left to move (kept sources may still be cleaned up by {@link #run}). */
  public boolean nothingToDo() {
    return batch == null;
  }

  /** Live counters once {@link #run} started, else null. */
  public MigrationProgress progress() {
    return run == null ? null : run.progress();
  }

  /**
   * Runs the batch to its end or until {@link #stop}, then deletes source objects kept by earlier batches
   * that nobody can need any more (of deleted assets; with --delete-source, of objects now in the target);
   * releases the lease.
   */
  public MigrationReport run(MigrationListener listener) {
    try {
      MigrationReport report = run == null
          ? new MigrationReport(null, operation(), estimate.source(), estimate.target(), BatchRow.COMPLETED, 0, 0, 0, 0,
              0, 0, Duration.ZERO, null, List.of())
          : run.run(listener, resumed);
      if (!report.completed() || stopped) {
        return report;
      }
      long removed = kept.removeThoseOfDeletedAssets();
      if (deleteKept) {
        removed += kept.removeThoseMovedTo(estimate.source(), estimate.target(), estimate.byKind().keySet());
      }
      if (removed > 0) {
        listener.note("deleted " + removed + " source objects that earlier batches had kept and nothing needs");
      }
      return report.withSourcesDeleted(removed);
    } finally {
      lease.close();
    }
  }

  /** Asks a running batch to stop soon; it stays resumable. */
  public void stop(String reason) {
    stopped = true;
    if (run != null) {
      run.stop(reason);
    }
  }

  public boolean stopRequested() {
    return stopped;
  }

  @Override
  public void close() {
    lease.close();
  }
}
