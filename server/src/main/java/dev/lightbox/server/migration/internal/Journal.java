package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The migration journal ({@code V2__migration_journal.sql}): batches ({@code migration_batches}, whose SQL is
 * here) and their objects ({@link JournalItems}). A batch's plan is written in one transaction before anything
 * is copied, so the target of every object that may have been copied is on record whenever the process dies.
 * What the plan reads of the catalog it reads through the catalog's repositories, in that transaction.
 */
public final class Journal {
  private final int planPage;
  private final Catalog catalog;
  private final Jdbi jdbi;
  private final JournalItems items;

  public Journal(Catalog catalog) {
    this(catalog, 1000);
  }

  /** With {@code planPage} catalog objects read per step while planning. */
  Journal(Catalog catalog, int planPage) {
    this.planPage = planPage;
    this.catalog = catalog;
    this.jdbi = catalog.jdbi();
    this.items = new JournalItems(jdbi);
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The objects of the batches. */
  public JournalItems items() {
    return items;
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
    Map<ObjectKind, Totals> out = new EnumMap<>(ObjectKind.class);
    catalog.objects().totalsIn(backend, kinds).forEach((k, t) -> out.put(k, new Totals(t.objects(), t.bytes())));
    return out;
  }

  /** Records a new migration batch and its plan: every object of the kinds now in the source. */
  public BatchRow createMigration(String id, StorageBackend source, StorageBackend target, Set<ObjectKind> kinds,
      boolean deleteSource) {
    return jdbi.inTransaction(h -> {
      long now = System.currentTimeMillis();
      insertBatch(h, id, BatchRow.MIGRATE, source, target, kinds, deleteSource, null, now);
      ObjectRepository objects = catalog.objects().on(h);
      for (ObjectKind kind : EnumSet.copyOf(kinds)) {
        long planned = 0;
        String after = null;
        for (List<StoredObject> page; !(page = objects.pageIn(source, kind, after, planPage)).isEmpty(); ) {
          JournalItems.plan(h, id, planned + 1, page, target, now);
          planned += page.size();
          after = page.getLast().assetId();
        }
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
      JournalItems.planReversal(h, id, of.id(), now);
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

  static StorageBackend backend(String id) {
    return StorageBackend.valueOf(id.toUpperCase(Locale.ROOT));
  }
}
