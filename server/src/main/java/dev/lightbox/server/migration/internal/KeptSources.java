package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.LibraryStorage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Source objects that finished batches kept (run without --delete-source): deletes those nobody can need
 * any more, so that storage holds exactly what the catalog names. Runs under the migration lease.
 */
public final class KeptSources {
  private static final int PAGE = 500;
  private final Catalog catalog;
  private final JournalItems items;
  private final LibraryStorage storage;

  public KeptSources(Journal journal, LibraryStorage storage) {
    this.catalog = journal.catalog();
    this.items = journal.items();
    this.storage = storage;
  }

  /** Deletes kept sources of assets that were deleted since; returns how many. */
  public long removeThoseOfDeletedAssets() {
    return sweep(null, page -> {
      Set<String> existing = catalog.assets().existingIds(ItemRow.assetIds(page));
      return item -> !existing.contains(item.assetId());
    });
  }

  /**
   * Deletes kept sources in {@code source} of objects the catalog now names in {@code target}, where the batch
   * put them (what a later run with --delete-source asks for); returns how many.
   */
  public long removeThoseMovedTo(StorageBackend source, StorageBackend target, Set<ObjectKind> kinds) {
    return sweep(new JournalItems.Move(source, target, kinds), page -> {
      Map<String, StoredObject> current = catalog.objects().find(ItemRow.assetIds(page));
      return item -> {
        StoredObject now = current.get(item.ref());
        return now != null && now.location().equals(item.target()) && !now.location().equals(item.source());
      };
    });
  }

  /** Deletes the kept sources the predicate made for each page says nobody needs. */
  private long sweep(JournalItems.Move move, Function<List<ItemRow>, Predicate<ItemRow>> deletableIn) {
    long deleted = 0;
    Set<Location> gone = new HashSet<>(); // batches that moved an object twice kept the same source twice
    ItemRow after = null;
    for (List<ItemRow> page; !(page = items.keptSources(after, move, PAGE)).isEmpty(); ) {
      after = page.getLast();
      Predicate<ItemRow> deletable = deletableIn.apply(page);
      for (ItemRow item : page) {
        if (!deletable.test(item)) {
          continue;
        }
        if (!gone.contains(item.source())) {
          try {
            storage.delete(item.source());
          } catch (RuntimeException e) {
            return deleted; // the store is unwell: the next run tries again
          }
          gone.add(item.source());
          deleted++;
        }
        items.markSourceDeleted(item);
      }
    }
    return deleted;
  }
}
