package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import dev.lightbox.server.migration.MigrationListener;
import dev.lightbox.server.migration.MigrationProgress;
import dev.lightbox.server.migration.MigrationReport;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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

  private final Journal journal;
  private final ObjectRepository catalog;
  private final LibraryStorage storage;
  private final BatchRow batch;
  private final int concurrency;
  private final Duration grace;
  private final Lease lease;
  private final MigrationProgress progress;
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final RunHealth health;

  public BatchRun(Journal journal, LibraryStorage storage, BatchRow batch, int concurrency, Duration grace,
      Lease lease) {
    this.journal = journal;
    this.catalog = journal.catalog().objects();
    this.storage = storage;
    this.batch = batch;
    this.concurrency = concurrency;
    this.grace = grace;
    this.lease = lease;
    this.health = new RunHealth(concurrency, this::stop);
    Map<ObjectKind, Totals> pending = journal.items().pendingTotals(batch.id());
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
    try (JournalWriter writer = new JournalWriter(journal.catalog(),
        e -> health.outage("the catalog: " + e.getMessage()))) {
      SourceDeleter deleter = batch.deleteSource()
          ? new SourceDeleter(storage, catalog, writer, grace, listener::note) : null;
      try {
        if (deleter != null) {
          rescheduleSwitched(deleter);
        }
        Map<String, Long> existing = progress.snapshot().totalObjects() > 0 ? listTarget() : Map.of();
        if (stopReason.get() == null) {
          progress.phase("copying");
          ItemMigrator migrator = new ItemMigrator(new ObjectCopier(storage), writer, deleter, progress, existing);
          feed(new ItemAttempts(catalog, migrator, writer, progress, health, () -> stopReason.get() != null));
        }
        writer.flush();
        progress.copyingDone();
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
    for (List<ItemRow> page; !(page = journal.items().page(batch.id(), ItemRow.SWITCHED, after, PAGE)).isEmpty(); ) {
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

  private void feed(ItemAttempts attempts) {
    Semaphore permits = new Semaphore(concurrency);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long after = 0;
      while (stopReason.get() == null) {
        List<ItemRow> page;
        Map<String, StoredObject> current;
        try {
          page = journal.items().page(batch.id(), ItemRow.PENDING, after, PAGE);
          current = catalog.find(ItemRow.assetIds(page));
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
          StoredObject now = current.get(item.ref());
          pool.submit(() -> {
            try {
              attempts.process(item, now);
            } finally {
              permits.release();
            }
          });
        }
      }
    }
  }

  private MigrationReport finish(long deleted, long notDeleted) {
    String reason = stopReason.get();
    String state = BatchRow.STOPPED;
    try {
      Map<String, Long> counts = journal.items().counts(batch.id());
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
      String message = reason != null ? reason
          : failed > 0 ? failed + " objects could not be moved and stayed where they were" : null;
      if (reason == null && BatchRow.ROLLBACK.equals(batch.operation())) {
        journal.completeRollback(batch.id(), batch.rollbackOf(), message);
      } else {
        journal.setState(batch.id(), state, message);
      }
    } catch (JdbiException e) {
      reason = reason != null ? reason : "the catalog failed at the end of the run: " + e.getMessage();
    }
    if (notDeleted > 0 && reason == null) {
      reason = notDeleted + " source objects could not be deleted; run again to delete them";
    }
    MigrationProgress.Snapshot s = progress.snapshot();
    return new MigrationReport(batch.id(), batch.operation(), batch.source(), batch.target(), state, s.moved(),
        s.skipped(), s.leftAlone(), s.failed(), s.bytesCopied(), deleted, s.elapsed(), reason, health.failures());
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
        health.outage("the catalog: " + e.getMessage());
      }
    }
  }


}
