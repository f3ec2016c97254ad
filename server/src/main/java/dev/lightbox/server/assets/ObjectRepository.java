package dev.lightbox.server.assets;

import dev.lightbox.server.catalog.Db;
import dev.lightbox.server.config.StorageBackend;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The stored objects of assets, originals and renditions, as the catalog records them: where each is, its
 * hash and size with the asset's version, and the conditional switch of one object's location. This is what
 * tools that move objects (the migration) read and write; {@link AssetRepository} is the view by asset.
 */
public final class ObjectRepository {
  private static final String ORIGINALS = "SELECT id AS asset_id, 'original' AS kind, version,"
      + " original_location AS location, sha256, size_bytes, media_type FROM assets";
  private static final String RENDITIONS = "SELECT r.asset_id, r.kind, a.version, r.location, r.sha256,"
      + " r.size_bytes, r.media_type FROM renditions r JOIN assets a ON a.id = r.asset_id";
  private final Db db;

  public ObjectRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  public ObjectRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public ObjectRepository on(Handle handle) {
    return new ObjectRepository(Db.joined(handle));
  }

  /** Every object of the given assets, keyed by {@link StoredObject#ref()}; assets that are gone have none. */
  public Map<String, StoredObject> find(Collection<String> assetIds) {
    if (assetIds.isEmpty()) {
      return Map.of();
    }
    List<String> ids = List.copyOf(Set.copyOf(assetIds));
    return db.with(h -> {
      Map<String, StoredObject> out = new HashMap<>();
      for (String sql : List.of(ORIGINALS + " WHERE id IN (<ids>)", RENDITIONS + " WHERE r.asset_id IN (<ids>)")) {
        h.createQuery(sql).bindList("ids", ids).map((rs, ctx) -> AssetRows.object(rs)).stream()
            .filter(Objects::nonNull).forEach(o -> out.put(o.ref(), o));
      }
      return out;
    });
  }

  public Optional<StoredObject> find(String assetId, ObjectKind kind) {
    return Optional.ofNullable(find(List.of(assetId)).get(StoredObject.ref(assetId, kind)));
  }

  /** Whether the asset {@code assetId} (still) references the object at {@code location}, as original or rendition. */
  public boolean references(String assetId, Location location) {
    return db.with(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM assets WHERE id = :id AND original_location = :loc)"
            + " + (SELECT COUNT(*) FROM renditions WHERE asset_id = :id AND location = :loc)")
        .bind("id", assetId).bind("loc", location.toString()).mapTo(Long.class).one() > 0);
  }

  /** Objects of one kind stored in {@code backend}, in asset id order, after {@code afterAssetId} (null: from the first). */
  public List<StoredObject> pageIn(StorageBackend backend, ObjectKind kind, String afterAssetId, int limit) {
    boolean original = kind == ObjectKind.ORIGINAL;
    String sql = original
        ? ORIGINALS + " WHERE original_location LIKE :like" + (afterAssetId == null ? "" : " AND id > :after")
            + " ORDER BY id LIMIT :limit"
        : RENDITIONS + " WHERE r.kind = :kind AND r.location LIKE :like"
            + (afterAssetId == null ? "" : " AND r.asset_id > :after") + " ORDER BY r.asset_id LIMIT :limit";
    return db.with(h -> {
      Query q = h.createQuery(sql).bind("like", backend.id() + ":%").bind("limit", limit);
      if (!original) {
        q.bind("kind", kind.id());
      }
      if (afterAssetId != null) {
        q.bind("after", afterAssetId);
      }
      return q.map((rs, ctx) -> AssetRows.object(rs)).list();
    });
  }

  /** Objects and bytes of each of {@code kinds} stored in {@code backend} (zero when none). */
  public Map<ObjectKind, ObjectTotals> totalsIn(StorageBackend backend, Set<ObjectKind> kinds) {
    String like = backend.id() + ":%";
    return db.with(h -> {
      Map<ObjectKind, ObjectTotals> out = new EnumMap<>(ObjectKind.class);
      if (kinds.contains(ObjectKind.ORIGINAL)) {
        out.put(ObjectKind.ORIGINAL, h.createQuery("SELECT COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS b"
                + " FROM assets WHERE original_location LIKE :like").bind("like", like)
            .map((rs, ctx) -> new ObjectTotals(rs.getLong("n"), rs.getLong("b"))).one());
      }
      h.createQuery("SELECT kind, COUNT(*) AS n, COALESCE(SUM(size_bytes), 0) AS b FROM renditions"
              + " WHERE location LIKE :like GROUP BY kind").bind("like", like)
          .map((rs, ctx) -> Map.entry(Optional.ofNullable(ObjectKind.fromId(rs.getString("kind"))),
              new ObjectTotals(rs.getLong("n"), rs.getLong("b"))))
          .forEach(e -> e.getKey().filter(kinds::contains).ifPresent(k -> out.put(k, e.getValue())));
      kinds.forEach(k -> out.putIfAbsent(k, ObjectTotals.NONE));
      return out;
    });
  }

  /**
   * Points one object of an asset at {@code to}, only when the asset's version is still {@code expectedVersion}
   * (nobody changed or deleted it since it was read) and, unless {@code from} is null, the object is still at
   * {@code from}. Bumps the version. Returns false when refused, having written nothing; the caller then reads
   * again and decides again. In a caller's transaction a refusal undoes only this switch.
   */
  public boolean switchLocation(String assetId, ObjectKind kind, long expectedVersion, Location from,
      Location to) {
    boolean original = kind == ObjectKind.ORIGINAL;
    boolean checkFrom = from != null;
    return db.allOrNothing(h -> {
      var bump = h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now"
              + (original ? ", original_location = :to" : "") + " WHERE id = :id AND version = :version"
              + (original && checkFrom ? " AND original_location = :from" : ""))
          .bind("now", System.currentTimeMillis()).bind("id", assetId).bind("version", expectedVersion);
      if (original) {
        bump.bind("to", to.toString());
        if (checkFrom) {
          bump.bind("from", from.toString());
        }
      }
      if (bump.execute() != 1) {
        return false;
      }
      if (original) {
        return true;
      }
      var move = h.createUpdate("UPDATE renditions SET location = :to WHERE asset_id = :id AND kind = :kind"
              + (checkFrom ? " AND location = :from" : ""))
          .bind("to", to.toString()).bind("id", assetId).bind("kind", kind.rendition().id());
      if (checkFrom) {
        move.bind("from", from.toString());
      }
      return move.execute() == 1;
    });
  }
}
