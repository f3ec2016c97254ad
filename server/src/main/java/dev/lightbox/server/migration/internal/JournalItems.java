package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The objects of migration batches ({@code migration_items}): the only code with SQL on that table. Methods
 * taking a {@link Handle} run in the caller's transaction (planning, and a switch committed with its row).
 */
public final class JournalItems {
  private final Jdbi jdbi;

  JournalItems(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Plans moving {@code objects} (of one kind, in asset id order) to {@code target}; the n-th object of the kind
   * (from 1) gets sequence number {@code n * 4 + kind ordinal}, so that plan order interleaves the kinds.
   */
  static void plan(Handle h, String batchId, long firstNumber, List<StoredObject> objects, StorageBackend target,
      long now) {
    PreparedBatch insert = h.prepareBatch("INSERT INTO migration_items (batch_id, seq, asset_id, kind,"
        + " source_location, target_location, size_bytes, state, copied, source_deleted, updated_at) VALUES"
        + " (:batch, :seq, :asset, :kind, :source, :target, :size, 'pending', FALSE, FALSE, :now)");
    long n = firstNumber;
    for (StoredObject o : objects) {
      insert.bind("batch", batchId).bind("seq", n++ * 4 + o.kind().ordinal()).bind("asset", o.assetId())
          .bind("kind", o.kind().id()).bind("source", o.location().toString())
          .bind("target", new Location(target, o.location().key()).toString()).bind("size", o.sizeBytes())
          .bind("now", now).add();
    }
    if (!objects.isEmpty()) {
      insert.execute();
    }
  }

  /** Plans moving back the objects of batch {@code of} that may have moved. */
  static void planReversal(Handle h, String batchId, String of, long now) {
    h.createUpdate("INSERT INTO migration_items (batch_id, seq, asset_id, kind, source_location, target_location,"
            + " size_bytes, state, copied, source_deleted, updated_at) SELECT :batch, seq, asset_id, kind,"
            + " target_location, source_location, size_bytes, 'pending', FALSE, FALSE, :now FROM migration_items"
            + " WHERE batch_id = :of AND state IN ('pending', 'switched', 'done', 'failed')")
        .bind("batch", batchId).bind("of", of).bind("now", now).execute();
  }

  /** Records that the item's object was switched, in the transaction that switched it. */
  static void recordSwitch(Handle h, ItemRow item, String state, boolean copied, long now) {
    h.createUpdate("UPDATE migration_items SET state = :state, copied = :copied, switched_at = :now,"
            + " error = NULL, updated_at = :now WHERE batch_id = :b AND seq = :seq")
        .bind("state", state).bind("copied", copied).bind("now", now).bind("b", item.batchId())
        .bind("seq", item.seq()).execute();
  }

  /** Records an item's new state; null {@code copied} or {@code sourceDeleted} leave those as they are. */
  static void recordState(Handle h, ItemRow item, String state, String error, Boolean copied,
      Boolean sourceDeleted, long now) {
    h.createUpdate("UPDATE migration_items SET state = :state, error = :error,"
            + " copied = COALESCE(:copied, copied), source_deleted = COALESCE(:deleted, source_deleted),"
            + " switched_at = CASE WHEN :state IN ('switched', 'done') THEN COALESCE(switched_at, :now)"
            + " ELSE switched_at END, updated_at = :now WHERE batch_id = :b AND seq = :seq")
        .bind("state", state).bind("error", error).bind("copied", copied).bind("deleted", sourceDeleted)
        .bind("now", now).bind("b", item.batchId()).bind("seq", item.seq()).execute();
  }

  /** Puts the failed objects of a batch back in line, for a run that resumes it. */
  public int retryFailed(String batchId) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE migration_items SET state = 'pending', error = NULL"
        + " WHERE batch_id = :b AND state = 'failed'").bind("b", batchId).execute());
  }

  /** Up to {@code limit} items in {@code state} after {@code afterSeq}, in plan order. */
  public List<ItemRow> page(String batchId, String state, long afterSeq, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM migration_items WHERE batch_id = :b AND state = :s"
            + " AND seq > :after ORDER BY seq LIMIT :limit")
        .bind("b", batchId).bind("s", state).bind("after", afterSeq).bind("limit", limit)
        .map((rs, ctx) -> item(rs)).list());
  }

  /** Items per state. */
  public Map<String, Long> counts(String batchId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM migration_items WHERE batch_id = :b"
            + " GROUP BY state").bind("b", batchId)
        .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new)));
  }

  /** Bytes of the items that reached a final state. */
  public long bytesDone(String batchId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(size_bytes), 0) FROM migration_items"
        + " WHERE batch_id = :b AND state <> 'pending'").bind("b", batchId).mapTo(Long.class).one());
  }

  /** Pending objects and bytes per kind. */
  public Map<ObjectKind, Totals> pendingTotals(String batchId) {
    return jdbi.withHandle(h -> {
      Map<ObjectKind, Totals> out = new EnumMap<>(ObjectKind.class);
      h.createQuery("SELECT kind, COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS b FROM migration_items"
              + " WHERE batch_id = :b AND state = 'pending' GROUP BY kind").bind("b", batchId)
          .map((rs, ctx) -> Map.entry(ObjectKind.fromId(rs.getString("kind")),
              new Totals(rs.getLong("n"), rs.getLong("b"))))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    });
  }

  /** The reasons of failed items, first ones in plan order. */
  public List<String[]> failures(String batchId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT asset_id, kind, error FROM migration_items WHERE batch_id = :b"
            + " AND state = 'failed' ORDER BY seq LIMIT :limit").bind("b", batchId).bind("limit", limit)
        .map((rs, ctx) -> new String[] {rs.getString("asset_id"), rs.getString("kind"), rs.getString("error")})
        .list());
  }

  /** Moves from one backend to another, of some kinds: which kept sources a sweep looks at. */
  record Move(StorageBackend source, StorageBackend target, Set<ObjectKind> kinds) {
  }

  /**
   * Done items whose source was kept (not deleted), after {@code after} (null: from the first) in (batch, seq)
   * order; with a {@code move}, only those it names.
   */
  List<ItemRow> keptSources(ItemRow after, Move move, int limit) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT * FROM migration_items i WHERE i.state = 'done' AND i.source_deleted = FALSE"
              + " AND (i.batch_id > :b OR (i.batch_id = :b AND i.seq > :a))"
              + (move == null ? "" : " AND i.source_location LIKE :src AND i.target_location LIKE :dst"
                  + " AND i.kind IN (<kinds>)")
              + " ORDER BY i.batch_id, i.seq LIMIT :limit")
          .bind("b", after == null ? "" : after.batchId()).bind("a", after == null ? -1 : after.seq())
          .bind("limit", limit);
      if (move != null) {
        q.bind("src", move.source().id() + ":%").bind("dst", move.target().id() + ":%")
            .bindList("kinds", move.kinds().stream().map(ObjectKind::id).toList());
      }
      return q.map((rs, ctx) -> item(rs)).list();
    });
  }

  void markSourceDeleted(ItemRow item) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE migration_items SET source_deleted = TRUE, updated_at = :now"
            + " WHERE batch_id = :b AND seq = :s")
        .bind("now", System.currentTimeMillis()).bind("b", item.batchId()).bind("s", item.seq()).execute());
  }

  private static ItemRow item(ResultSet rs) throws SQLException {
    long switched = rs.getLong("switched_at");
    Long switchedAt = rs.wasNull() ? null : switched;
    return new ItemRow(rs.getString("batch_id"), rs.getLong("seq"), rs.getString("asset_id"),
        ObjectKind.fromId(rs.getString("kind")), Location.parse(rs.getString("source_location")),
        Location.parse(rs.getString("target_location")), rs.getLong("size_bytes"), rs.getString("state"),
        switchedAt);
  }
}
