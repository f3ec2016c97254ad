package dev.lightbox.server.migration.internal;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.server.catalog.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The migration journal ({@code V2__migration_journal.sql}): batches and their objects. A batch's plan is
 * written in one transaction before anything is copied, so the target of every object that may have been
 * copied is on record whenever the process dies.
 */
public final class Journal {
  private final Jdbi jdbi;

  public Journal(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Optional<BatchRow> batch(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM migration_batches WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> batch(rs)).findOne());
  }

  public List<BatchRow> recent(int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM migration_batches ORDER BY created_at DESC, id DESC"
        + " LIMIT :limit").bind("limit", limit).map((rs, ctx) -> batch(rs)).list());
  }

  /** The newest batch that is running or stopped, if any. */
  public Optional<BatchRow> unfinished() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM migration_batches WHERE state IN ('running', 'stopped')"
        + " ORDER BY created_at DESC, id DESC LIMIT 1").map((rs, ctx) -> batch(rs)).findFirst());
  }

  /** Objects and bytes per kind that the catalog holds in {@code backend}. */
  public Map<ObjectKind, Totals> catalogTotals(StorageBackend backend, Set<ObjectKind> kinds) {
    String like = backend.id() + ":%";
    return jdbi.withHandle(h -> {
      Map<ObjectKind, Totals> out = new EnumMap<>(ObjectKind.class);
      if (kinds.contains(ObjectKind.ORIGINAL)) {
        out.put(ObjectKind.ORIGINAL, h.createQuery("SELECT COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS b"
                + " FROM assets WHERE original_location LIKE :like").bind("like", like)
            .map((rs, ctx) -> new Totals(rs.getLong("n"), rs.getLong("b"))).one());
      }
      h.createQuery("SELECT kind, COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS b FROM renditions"
              + " WHERE location LIKE :like GROUP BY kind").bind("like", like)
          .map((rs, ctx) -> Map.entry(ObjectKind.fromId(rs.getString("kind")),
              new Totals(rs.getLong("n"), rs.getLong("b"))))
          .forEach(e -> {
            if (e.getKey() != null && kinds.contains(e.getKey())) {
              out.put(e.getKey(), e.getValue());
            }
          });
      for (ObjectKind k : kinds) {
        out.putIfAbsent(k, Totals.NONE);
      }
      return out;
    });
  }

  /** Records a new migration batch and its plan: every object of the kinds now in the source. */
  public BatchRow createMigration(String id, StorageBackend source, StorageBackend target, Set<ObjectKind> kinds,
      boolean deleteSource) {
    return jdbi.inTransaction(h -> {
      long now = System.currentTimeMillis();
      insertBatch(h, id, BatchRow.MIGRATE, source, target, kinds, deleteSource, null, now);
      String like = source.id() + ":%";
      int cut = source.id().length() + 2;
      String columns = "INSERT INTO migration_items (batch_id, seq, asset_id, kind, source_location, target_location,"
          + " size_bytes, state, copied, source_deleted, updated_at) ";
      for (ObjectKind kind : EnumSet.copyOf(kinds)) {
        String sql = kind == ObjectKind.ORIGINAL
            ? columns + "SELECT :batch, ROW_NUMBER() OVER (ORDER BY id) * 4 + :k, id, :kind, original_location,"
                + " CAST(:prefix AS TEXT) || SUBSTR(original_location, :cut), size_bytes, 'pending', FALSE, FALSE,"
                + " :now FROM assets WHERE original_location LIKE :like"
            : columns + "SELECT :batch, ROW_NUMBER() OVER (ORDER BY asset_id) * 4 + :k, asset_id, :kind, location,"
                + " CAST(:prefix AS TEXT) || SUBSTR(location, :cut), size_bytes, 'pending', FALSE, FALSE, :now"
                + " FROM renditions WHERE kind = :kind AND location LIKE :like";
        h.createUpdate(sql).bind("batch", id).bind("k", kind.ordinal()).bind("kind", kind.id())
            .bind("prefix", target.id() + ":").bind("cut", cut).bind("now", now).bind("like", like).execute();
      }
      updatePlannedTotals(h, id);
      return batch(h, id);
    });
  }

  /** Records a rollback of {@code of}: its objects that may have moved, in the other direction. */
  public BatchRow createRollback(String id, BatchRow of) {
    return jdbi.inTransaction(h -> {
      long now = System.currentTimeMillis();
      insertBatch(h, id, BatchRow.ROLLBACK, of.target(), of.source(), of.kinds(), true, of.id(), now);
      h.createUpdate("INSERT INTO migration_items (batch_id, seq, asset_id, kind, source_location, target_location,"
              + " size_bytes, state, copied, source_deleted, updated_at) SELECT :batch, seq, asset_id, kind,"
              + " target_location, source_location, size_bytes, 'pending', FALSE, FALSE, :now FROM migration_items"
              + " WHERE batch_id = :of AND state IN ('pending', 'switched', 'done', 'failed')")
          .bind("batch", id).bind("of", of.id()).bind("now", now).execute();
      updatePlannedTotals(h, id);
      return batch(h, id);
    });
  }

  private static void insertBatch(Handle h, String id, String operation, StorageBackend source,
      StorageBackend target, Set<ObjectKind> kinds, boolean deleteSource, String rollbackOf, long now) {
    h.createUpdate("INSERT INTO migration_batches (id, operation, source_backend, target_backend, kinds,"
            + " delete_source, rollback_of, state, planned_objects, planned_bytes, created_at, updated_at)"
            + " VALUES (:id, :op, :source, :target, :kinds, :del, :of, 'running', 0, 0, :now, :now)")
        .bind("id", id).bind("op", operation).bind("source", source.id()).bind("target", target.id())
        .bind("kinds", kindsText(kinds)).bind("del", deleteSource).bind("of", rollbackOf).bind("now", now)
        .execute();
  }

  private static void updatePlannedTotals(Handle h, String id) {
    h.createUpdate("UPDATE migration_batches SET planned_objects = (SELECT COUNT(*) FROM migration_items"
            + " WHERE batch_id = :id), planned_bytes = (SELECT COALESCE(SUM(size_bytes), 0) FROM migration_items"
            + " WHERE batch_id = :id) WHERE id = :id")
        .bind("id", id).execute();
  }

  public void setState(String id, String state, String message) {
    jdbi.useHandle(h -> setState(h, id, state, message));
  }

  /**
   * Marks a rollback completed and the batch it undid rolled back, in one transaction: a process killed in
   * between must not leave a finished rollback whose batch still looks migrated.
   */
  public void completeRollback(String rollbackId, String rolledBackId, String message) {
    jdbi.useTransaction(h -> {
      setState(h, rollbackId, BatchRow.COMPLETED, message);
      setState(h, rolledBackId, BatchRow.ROLLED_BACK, "rolled back by batch " + rollbackId);
    });
  }

  private static void setState(Handle h, String id, String state, String message) {
    boolean finished = BatchRow.COMPLETED.equals(state) || BatchRow.ROLLED_BACK.equals(state);
    h.createUpdate("UPDATE migration_batches SET state = :state, message = :message,"
            + " updated_at = :now" + (finished ? ", finished_at = COALESCE(finished_at, :now)" : "")
            + " WHERE id = :id")
        .bind("state", state).bind("message", message).bind("now", System.currentTimeMillis()).bind("id", id)
        .execute();
  }

  public void setDeleteSource(String id, boolean deleteSource) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE migration_batches SET delete_source = :d WHERE id = :id")
        .bind("d", deleteSource).bind("id", id).execute());
  }

  /** Puts the failed objects of a batch back in line, for a run that resumes it. */
  public int retryFailed(String batchId) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE migration_items SET state = 'pending', error = NULL"
        + " WHERE batch_id = :b AND state = 'failed'").bind("b", batchId).execute());
  }

  /** Up to {@code limit} items in {@code state} after {@code afterSeq}, in plan order. */
  public List<ItemRow> items(String batchId, String state, long afterSeq, int limit) {
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

  static String kindsText(Set<ObjectKind> kinds) {
    return EnumSet.copyOf(kinds).stream().map(ObjectKind::id).collect(Collectors.joining(","));
  }

  static Set<ObjectKind> parseKinds(String text) {
    Set<ObjectKind> out = EnumSet.noneOf(ObjectKind.class);
    Arrays.stream(text.split(",")).map(String::trim).map(ObjectKind::fromId).forEach(out::add);
    return out;
  }

  private static BatchRow batch(Handle h, String id) {
    return h.createQuery("SELECT * FROM migration_batches WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> batch(rs)).one();
  }

  private static BatchRow batch(ResultSet rs) throws SQLException {
    long finished = rs.getLong("finished_at");
    Long finishedAt = rs.wasNull() ? null : finished;
    return new BatchRow(rs.getString("id"), rs.getString("operation"), backend(rs.getString("source_backend")),
        backend(rs.getString("target_backend")), parseKinds(rs.getString("kinds")), rs.getBoolean("delete_source"),
        rs.getString("rollback_of"), rs.getString("state"), rs.getLong("planned_objects"),
        rs.getLong("planned_bytes"), rs.getString("message"), rs.getLong("created_at"), finishedAt);
  }

  static ItemRow item(ResultSet rs) throws SQLException {
    long switched = rs.getLong("switched_at");
    Long switchedAt = rs.wasNull() ? null : switched;
    return new ItemRow(rs.getString("batch_id"), rs.getLong("seq"), rs.getString("asset_id"),
        ObjectKind.fromId(rs.getString("kind")), Location.parse(rs.getString("source_location")),
        Location.parse(rs.getString("target_location")), rs.getLong("size_bytes"), rs.getString("state"),
        switchedAt);
  }

  static StorageBackend backend(String id) {
    return StorageBackend.valueOf(id.toUpperCase(Locale.ROOT));
  }
}
