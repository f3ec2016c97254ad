package dev.lightbox.server.migration.internal;

import dev.lightbox.server.catalog.ObjectKind;
import dev.lightbox.server.internal.storage.LibraryStorage;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import dev.lightbox.server.migration.MigrationListener;
import dev.lightbox.server.migration.MigrationProgress;
import dev.lightbox.server.migration.MigrationReport;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs one batch to its end (or until told to stop): feeds pending objects to N virtual threads, commits
 * switches in groups, deletes sources after their grace period, and stops by itself when the stores or the
 * catalog keep failing. Everything it did is in the journal, so a run that dies at any moment resumes.
 */
public final class BatchRun {
  private static final int PAGE = 512;
  private static final int MAX_FAILURES_KEPT = 100;

  private final Journal journal;
  private final CatalogObjects catalog;
  private final LibraryStorage storage;
  private final BatchRow batch;
  private final int concurrency;
  private final Duration grace;
  private final Lease lease;
  private final MigrationProgress progress;
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicInteger leftPending = new AtomicInteger();
  private final List<MigrationReport.Failure> failures = new ArrayList<>();
  private final int breakerThreshold;
  private volatile JournalWriter writer;

  public BatchRun(Journal journal, LibraryStorage storage, BatchRow batch, int concurrency, Duration grace,
      Lease lease) {
    this.journal = journal;
    this.catalog = new CatalogObjects(journal.jdbi());
    this.storage = storage;
    this.batch = batch;
    this.concurrency = concurrency;
    this.grace = grace;
    this.lease = lease;
    this.breakerThreshold = Math.max(8, Math.min(concurrency * 2, 32));
    Map<ObjectKind, Totals> pending = journal.pendingTotals(batch.id());
    this.progress = new MigrationProgress(batch.id(), batch.operation(),
        pending.values().stream().mapToLong(Totals::objects).sum(),
        pending.values().stream().mapToLong(Totals::bytes).sum());
  }

  public MigrationProgress progress() {
    return progress;
  }

  /** Asks the run to stop soon: no new objects start, those in flight finish, the batch stays resumable. */
  public void stop(String reason) {
    stopReason.compareAndSet(null, reason);
  }

  public MigrationReport run(MigrationListener listener, boolean resumed) {
    listener.started(progress, resumed);
    Thread heartbeat = Thread.ofVirtual().name("lightbox-migrate-heartbeat").start(this::heartbeat);
    long deleted = 0;
    long notDeleted = 0;
    try (JournalWriter writer = new JournalWriter(journal.jdbi(), e -> failed("the catalog", e, true))) {
      this.writer = writer;
      SourceDeleter deleter = batch.deleteSource()
          ? new SourceDeleter(storage, catalog, writer, grace, listener::note) : null;
      try {
        if (deleter != null) {
          rescheduleSwitched(deleter);
        }
        Map<String, Long> existing = progress.snapshot().totalObjects() > 0 ? listTarget() : Map.of();
        if (stopReason.get() == null) {
          progress.phase("copying");
          feed(new ItemMigrator(new ObjectCopier(storage), writer, deleter, progress, existing));
        }
        writer.flush();
        if (deleter != null) {
          long wait = deleter.lastDue() - System.currentTimeMillis();
          if (wait > 0 && stopReason.get() == null) {
            listener.note("waiting " + Math.max(1, wait / 1000) + " s before deleting the last source objects, so"
                + " readers that still hold their old location can finish");
          }
          progress.phase("deleting sources");
          deleter.drain(() -> stopReason.get() != null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop("interrupted");
      } finally {
        if (deleter != null) {
          deleter.close();
          deleted = deleter.deleted();
          notDeleted = deleter.notDeleted();
        }
        writer.flush();
      }
    } finally {
      heartbeat.interrupt();
    }
    return finish(deleted, notDeleted);
  }

  private void rescheduleSwitched(SourceDeleter deleter) {
    long after = 0;
    for (List<ItemRow> page; !(page = journal.items(batch.id(), ItemRow.SWITCHED, after, PAGE)).isEmpty(); ) {
      for (ItemRow item : page) {
        deleter.schedule(item, item.switchedAt() == null ? System.currentTimeMillis() : item.switchedAt());
      }
      after = page.getLast().seq();
    }
  }

  /** Keys and sizes already in the target store, so that verified copies are not made twice. */
  private Map<String, Long> listTarget() {
    progress.phase("listing " + batch.target().id());
    Map<String, Long> keys = new HashMap<>();
    try (Stream<BlobInfo> all = storage.store(batch.target()).listAll("")) {
      all.forEach(info -> keys.put(info.key().value(), info.size()));
    } catch (RuntimeException e) {
      stop("could not list " + storage.describe(batch.target()) + ": " + e.getMessage());
    }
    return keys;
  }

  private void feed(ItemMigrator migrator) {
    Semaphore permits = new Semaphore(concurrency);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long after = 0;
      while (stopReason.get() == null) {
        List<ItemRow> page;
        Map<String, CurrentObject> current;
        try {
          page = journal.items(batch.id(), ItemRow.PENDING, after, PAGE);
          current = page.isEmpty() ? Map.of() : catalog.read(page);
        } catch (JdbiException e) {
          stop("the catalog failed: " + e.getMessage());
          break;
        }
        if (page.isEmpty()) {
          break;
        }
        after = page.getLast().seq();
        for (ItemRow item : page) {
          permits.acquireUninterruptibly();
          if (stopReason.get() != null) {
            permits.release();
            break;
          }
          CurrentObject now = current.get(item.ref());
          pool.submit(() -> {
            try {
              process(migrator, item, now);
            } finally {
              permits.release();
            }
          });
        }
      }
    }
  }

  private void process(ItemMigrator migrator, ItemRow item, CurrentObject initial) {
    CurrentObject current = initial;
    boolean reread = false;
    int attempts = 0;
    int changes = 0;
    while (true) {
      try {
        if (reread) {
          current = catalog.read(item.assetId(), item.kind());
        }
        migrator.migrate(item, current);
        consecutiveFailures.set(0);
        return;
      } catch (ItemMigrator.RowChanged e) {
        reread = true;
        if (++changes > 20) {
          unmovable(item, "the asset kept changing while it was being moved; run again later");
          return;
        }
      } catch (ItemMigrator.SourceMissingCheck e) {
        CurrentObject again = catalog.read(item.assetId(), item.kind());
        if (again != null && again.equals(current)) {
          unmovable(item, e.getMessage() + "; restore it from a backup or delete the asset");
          return;
        }
        reread = true;
      } catch (ItemMigrator.Unmovable e) {
        unmovable(item, e.getMessage());
        return;
      } catch (StorageException e) {
        if (!e.isRetryable() || ++attempts >= 3 || stopReason.get() != null) {
          leavePending(item, e.getMessage(), e.isRetryable());
          return;
        }
        reread = true;
        pause(attempts);
      } catch (JdbiException | java.io.UncheckedIOException e) {
        if (++attempts >= 3 || stopReason.get() != null) {
          leavePending(item, "the catalog failed: " + e.getMessage(), true);
          return;
        }
        reread = true;
        pause(attempts);
      }
    }
  }

  private void unmovable(ItemRow item, String reason) {
    journalFailed(item, reason);
  }

  /** A store or catalog error: the object stays where it is; too many in a row stop the run. */
  private void leavePending(ItemRow item, String reason, boolean mayPass) {
    if (mayPass) {
      leftPending.incrementAndGet();
      addFailure(item, reason + " (it stays in its old place; the next run retries it)");
      progress.failed(item.sizeBytes());
    } else {
      journalFailed(item, reason);
    }
    if (consecutiveFailures.incrementAndGet() >= breakerThreshold) {
      stop("stopped after " + breakerThreshold + " failures in a row; last: " + reason);
    }
  }

  private void journalFailed(ItemRow item, String reason) {
    addFailure(item, reason);
    progress.failed(item.sizeBytes());
    writer.record(item, ItemRow.FAILED, reason, null, null);
  }

  private void addFailure(ItemRow item, String reason) {
    synchronized (failures) {
      if (failures.size() < MAX_FAILURES_KEPT) {
        failures.add(new MigrationReport.Failure(item.assetId(), item.kind().id(), reason));
      }
    }
  }

  private void failed(String what, RuntimeException e, boolean count) {
    if (count && consecutiveFailures.incrementAndGet() >= breakerThreshold) {
      stop(what + " failed: " + e.getMessage());
    }
  }

  private MigrationReport finish(long deleted, long notDeleted) {
    String reason = stopReason.get();
    String state = BatchRow.STOPPED;
    try {
      Map<String, Long> counts = journal.counts(batch.id());
      long pending = counts.getOrDefault(ItemRow.PENDING, 0L);
      long switched = counts.getOrDefault(ItemRow.SWITCHED, 0L);
      if (reason == null && pending > 0) {
        reason = pending + " objects could not be moved this time (see the failures); run the same command again"
            + " to retry them";
      }
      if (reason == null && switched > 0) {
        reason = switched + " source objects are not deleted yet; run the same command again to delete them";
      }
      state = reason == null ? BatchRow.COMPLETED : BatchRow.STOPPED;
      long failed = counts.getOrDefault(ItemRow.FAILED, 0L);
      journal.setState(batch.id(), state, reason != null ? reason
          : failed > 0 ? failed + " objects could not be moved and stayed where they were" : null);
      if (reason == null && BatchRow.ROLLBACK.equals(batch.operation())) {
        journal.setState(batch.rollbackOf(), BatchRow.ROLLED_BACK, "rolled back by batch " + batch.id());
      }
    } catch (JdbiException e) {
      reason = reason != null ? reason : "the catalog failed at the end of the run: " + e.getMessage();
    }
    if (notDeleted > 0 && reason == null) {
      reason = notDeleted + " source objects could not be deleted; run again to delete them";
    }
    MigrationProgress.Snapshot s = progress.snapshot();
    synchronized (failures) {
      return new MigrationReport(batch.id(), batch.operation(), batch.source(), batch.target(), state, s.moved(),
          s.skipped(), s.leftAlone(), s.failed(), s.bytesCopied(), deleted, s.elapsed(), reason, failures);
    }
  }

  private void heartbeat() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(2_000);
        if (!lease.heartbeat()) {
          stop("another process took over the migration lease; this run stopped");
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failed("the catalog", e, true);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
