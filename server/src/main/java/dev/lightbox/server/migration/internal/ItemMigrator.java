package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.migration.MigrationProgress;
import dev.lightbox.storage.StorageException;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Moves one object: copy to the target unless a verified copy is already there, read the copy back and
 * check its SHA-256 against the catalog's, then switch the catalog only if the row did not change. An asset
 * deleted or changed meanwhile is left alone and the copy made for it is removed.
 */
final class ItemMigrator {
  /** The row changed between reading it and switching it: read it again and decide again. */
  static final class RowChanged extends RuntimeException {
    RowChanged() {
      super("the catalog row changed", null, false, false);
    }
  }

  /** This object cannot be moved for a reason another attempt will not fix. */
  static final class Unmovable extends RuntimeException {
    Unmovable(String message) {
      super(message, null, false, false);
    }
  }

  private final ObjectCopier copier;
  private final JournalWriter writer;
  private final SourceDeleter deleter;
  private final MigrationProgress progress;
  private final Map<String, Long> existingTargets;

  ItemMigrator(ObjectCopier copier, JournalWriter writer, SourceDeleter deleter, MigrationProgress progress,
      Map<String, Long> existingTargets) {
    this.copier = copier;
    this.writer = writer;
    this.deleter = deleter;
    this.progress = progress;
    this.existingTargets = existingTargets;
  }

  /** Handles the item given the catalog's current view of its object (null when the asset is gone). */
  void migrate(ItemRow item, StoredObject current) {
    if (current == null) {
      writer.record(item, ItemRow.GONE, copier.deleteQuietly(item.target()), null, null);
      progress.leftAlone(item.sizeBytes());
      return;
    }
    if (current.location().equals(item.target())) {
      recordSwitched(item, false);
      progress.skipped(item.sizeBytes());
      return;
    }
    if (!current.location().equals(item.source())) {
      String problem = copier.deleteQuietly(item.target());
      writer.record(item, ItemRow.CHANGED, "the catalog now points at " + current.location()
          + (problem == null ? "" : "; " + problem), null, null);
      progress.leftAlone(item.sizeBytes());
      return;
    }
    boolean copied = !alreadyThere(item, current);
    if (copied) {
      copy(item, current);
    }
    boolean switched;
    try {
      switched = writer.switchObject(item, current, copied, deleter != null ? ItemRow.SWITCHED : ItemRow.DONE).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    if (!switched) {
      throw new RowChanged();
    }
    if (copied) {
      progress.moved(current.sizeBytes());
    } else {
      progress.skipped(current.sizeBytes());
    }
    if (deleter != null) {
      deleter.schedule(item, System.currentTimeMillis());
    }
  }

  private void recordSwitched(ItemRow item, boolean copied) {
    if (deleter != null) {
      writer.record(item, ItemRow.SWITCHED, null, copied, null);
      deleter.schedule(item, System.currentTimeMillis());
    } else {
      writer.record(item, ItemRow.DONE, null, copied, null);
    }
  }

  private boolean alreadyThere(ItemRow item, StoredObject current) {
    Long size = existingTargets.get(item.target().key().value());
    return size != null && size == current.sizeBytes() && copier.verified(item.target(), current);
  }

  private void copy(ItemRow item, StoredObject current) {
    try {
      copier.copy(item.source(), item.target(), current);
    } catch (ObjectCopier.SourceMissing e) {
      throw new SourceMissingCheck(e.getMessage());
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.INTEGRITY) {
        throw new Unmovable("the source " + item.source() + " does not hash to the catalog's SHA-256 "
            + current.sha256() + "; it was left in place (restore it from a backup)");
      }
      throw e;
    }
    if (!copier.verified(item.target(), current)) {
      String problem = copier.deleteQuietly(item.target());
      throw StorageException.retryable(StorageException.Kind.INTEGRITY, "verify", item.target().backend().id(),
          item.target().key().value(), "the copy read back with a different size or SHA-256 than the catalog's; it"
              + " was deleted" + (problem == null ? "" : " (" + problem + ")"), true, null);
    }
  }

  /**
   * The source is missing: either someone deleted or moved the object meanwhile (read the row again), or
   * the catalog points at nothing (the caller decides after reading again).
   */
  static final class SourceMissingCheck extends RuntimeException {
    SourceMissingCheck(String message) {
      super(message, null, false, false);
    }
  }
}
