package dev.lightbox.server.migration.internal;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.server.catalog.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.internal.storage.LibraryStorage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Source objects that finished batches kept (run without --delete-source): deletes those nobody can need
 * any more, so that storage holds exactly what the catalog names. Runs under the migration lease.
 */
public final class KeptSources {
  private static final int PAGE = 500;
  private final Jdbi jdbi;
  private final CatalogObjects catalog;
  private final LibraryStorage storage;

  public KeptSources(Jdbi jdbi, LibraryStorage storage) {
    this.jdbi = jdbi;
    this.catalog = new CatalogObjects(jdbi);
    this.storage = storage;
  }

  /** Deletes kept sources of assets that were deleted since; returns how many. */
  public long removeThoseOfDeletedAssets() {
    return sweep("NOT EXISTS (SELECT 1 FROM assets a WHERE a.id = i.asset_id)", Map.of(), (item, now) -> now == null);
  }

  /**
   * Deletes kept sources in {@code source} of objects the catalog now names in {@code target}, where the batch
   * put them (what a later run with --delete-source asks for); returns how many.
   */
  public long removeThoseMovedTo(StorageBackend source, StorageBackend target, Set<ObjectKind> kinds) {
    return sweep("i.source_location LIKE :src AND i.target_location LIKE :dst AND i.kind IN (<kinds>)",
        Map.of("src", source.id() + ":%", "dst", target.id() + ":%", "kinds",
            kinds.stream().map(ObjectKind::id).toList()),
        (item, now) -> now != null && now.location().equals(item.target()));
  }

  private long sweep(String condition, Map<String, Object> binds, java.util.function.BiPredicate<ItemRow,
      CurrentObject> deletable) {
    long deleted = 0;
    Set<Location> gone = new HashSet<>(); // batches that moved an object twice kept the same source twice
    long after = -1;
    String lastBatch = "";
    while (true) {
      String b = lastBatch;
      long a = after;
      List<ItemRow> page = jdbi.withHandle(h -> {
        var q = h.createQuery("SELECT * FROM migration_items i WHERE i.state = 'done' AND i.source_deleted = FALSE"
                + " AND (i.batch_id > :b OR (i.batch_id = :b AND i.seq > :a)) AND " + condition
                + " ORDER BY i.batch_id, i.seq LIMIT :limit")
            .bind("b", b).bind("a", a).bind("limit", PAGE);
        binds.forEach((k, v) -> {
          if (v instanceof List<?> list) {
            q.bindList(k, list);
          } else {
            q.bind(k, v);
          }
        });
        return q.map((rs, ctx) -> Journal.item(rs)).list();
      });
      if (page.isEmpty()) {
        return deleted;
      }
      lastBatch = page.getLast().batchId();
      after = page.getLast().seq();
      Map<String, CurrentObject> current = catalog.read(page);
      for (ItemRow item : page) {
        CurrentObject now = current.get(item.ref());
        if (!deletable.test(item, now) || referenced(item.source(), now)) {
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
        jdbi.useHandle(h -> h.createUpdate("UPDATE migration_items SET source_deleted = TRUE, updated_at = :now"
                + " WHERE batch_id = :b AND seq = :s")
            .bind("now", System.currentTimeMillis()).bind("b", item.batchId()).bind("s", item.seq()).execute());
      }
    }
  }

  private static boolean referenced(Location source, CurrentObject now) {
    return now != null && now.location().equals(source);
  }
}
