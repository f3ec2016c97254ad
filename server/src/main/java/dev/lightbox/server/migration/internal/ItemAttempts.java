package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.migration.MigrationProgress;
import dev.lightbox.storage.StorageException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Moves one object with its retries: a row that changed is read again and decided again; a store or
 * catalog error is retried twice, then the object stays pending for the next run; an object that cannot
 * move (corrupt or missing source) is recorded as failed with its reason. Never throws.
 */
final class ItemAttempts {
  private static final int MAX_ATTEMPTS = 3;
  private static final int MAX_CHANGES = 20;

  private final ObjectRepository catalog;
  private final ItemMigrator migrator;
  private final JournalWriter writer;
  private final MigrationProgress progress;
  private final RunHealth health;
  private final BooleanSupplier stopping;

  ItemAttempts(ObjectRepository catalog, ItemMigrator migrator, JournalWriter writer, MigrationProgress progress,
      RunHealth health, BooleanSupplier stopping) {
    this.catalog = catalog;
    this.migrator = migrator;
    this.writer = writer;
    this.progress = progress;
    this.health = health;
    this.stopping = stopping;
  }

  void process(ItemRow item, StoredObject initial) {
    StoredObject current = initial;
    boolean reread = false;
    int attempts = 0;
    int changes = 0;
    while (true) {
      try {
        if (reread) {
          current = catalog.find(item.assetId(), item.kind()).orElse(null);
        }
        try {
          migrator.migrate(item, current);
        } catch (ItemMigrator.SourceMissingCheck e) {
          StoredObject again = catalog.find(item.assetId(), item.kind()).orElse(null);
          if (again == null || !again.equals(current)) {
            throw new ItemMigrator.RowChanged();
          }
          throw new ItemMigrator.Unmovable(e.getMessage() + "; restore it from a backup or delete the asset");
        }
        health.succeeded();
        return;
      } catch (ItemMigrator.RowChanged e) {
        reread = true;
        if (++changes > MAX_CHANGES) {
          failed(item, "the asset kept changing while it was being moved; run again later");
          return;
        }
      } catch (ItemMigrator.Unmovable e) {
        failed(item, e.getMessage());
        return;
      } catch (StorageException e) {
        if (!e.isRetryable()) {
          failed(item, e.getMessage());
          health.outage(e.getMessage());
          return;
        }
        if (++attempts >= MAX_ATTEMPTS || stopping.getAsBoolean()) {
          leavePending(item, e.getMessage());
          return;
        }
        reread = true;
        pause(attempts);
      } catch (JdbiException | UncheckedIOException e) {
        if (++attempts >= MAX_ATTEMPTS || stopping.getAsBoolean()) {
          leavePending(item, "the catalog failed: " + e.getMessage());
          return;
        }
        reread = true;
        pause(attempts);
      } catch (RuntimeException e) {
        failed(item, "unexpected error: " + e);
        return;
      }
    }
  }

  private void failed(ItemRow item, String reason) {
    health.record(item, reason);
    progress.failed(item.sizeBytes());
    writer.record(item, ItemRow.FAILED, reason, null, null);
  }

  /** The object stays where it is and pending in the journal; the next run retries it. */
  private void leavePending(ItemRow item, String reason) {
    health.record(item, reason + " (it stays in its old place; the next run retries it)");
    progress.failed(item.sizeBytes());
    health.outage(reason);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
