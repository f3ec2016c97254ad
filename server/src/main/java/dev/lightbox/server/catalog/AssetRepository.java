package dev.lightbox.server.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Assets and their renditions. Thin: SQL in, records out; the services hold the rules. */
public final class AssetRepository {
  private final Jdbi jdbi;

  AssetRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts the asset and its renditions in one transaction. Fails on a duplicate (owner, sha256). */
  public void insert(Asset a) {
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO assets (id, owner_id, sha256, size_bytes, media_type, original_name,"
              + " original_location, width, height, capture_time, taken_at, orientation, ai_prompt, metadata_json,"
              + " created_at, updated_at, version) VALUES (:id, :owner, :sha, :size, :type, :name, :loc, :w, :h,"
              + " :capture, :taken, :orientation, :prompt, :meta, :created, :created, :version)")
          .bind("id", a.id()).bind("owner", a.ownerId()).bind("sha", a.sha256()).bind("size", a.sizeBytes())
          .bind("type", a.mediaType()).bind("name", a.originalName()).bind("loc", a.originalLocation().toString())
          .bind("w", a.width()).bind("h", a.height()).bind("capture", a.captureTime())
          .bind("taken", a.takenAt().toEpochMilli()).bind("orientation", a.orientation())
          .bind("prompt", a.aiPrompt()).bind("meta", a.metadataJson())
          .bind("created", a.createdAt().toEpochMilli()).bind("version", a.version()).execute();
      for (StoredRendition r : a.renditions().values()) {
        h.createUpdate("INSERT INTO renditions (asset_id, kind, location, media_type, width, height, size_bytes,"
                + " sha256) VALUES (:id, :kind, :loc, :type, :w, :h, :size, :sha)")
            .bind("id", a.id()).bind("kind", r.kind().id()).bind("loc", r.location().toString())
            .bind("type", r.mediaType()).bind("w", r.width()).bind("h", r.height()).bind("size", r.sizeBytes())
            .bind("sha", r.sha256()).execute();
      }
    });
  }

  public Optional<Asset> findById(String id) {
    return jdbi.withHandle(h -> {
      List<Asset> found = h.createQuery("SELECT * FROM assets WHERE id = :id").bind("id", id)
          .map((rs, ctx) -> row(rs)).list();
      return found.isEmpty() ? Optional.empty() : Optional.of(withRenditions(h, found).getFirst());
    });
  }

  public Optional<Asset> findByOwnerAndSha256(String ownerId, String sha256) {
    return jdbi.withHandle(h -> {
      List<Asset> found = h.createQuery("SELECT * FROM assets WHERE owner_id = :owner AND sha256 = :sha")
          .bind("owner", ownerId).bind("sha", sha256).map((rs, ctx) -> row(rs)).list();
      return found.isEmpty() ? Optional.empty() : Optional.of(withRenditions(h, found).getFirst());
    });
  }

  /** One page, newest first; ask for {@code limit + 1} to learn whether more follow. */
  public List<Asset> list(AssetQuery q) {
    StringBuilder sql = new StringBuilder("SELECT * FROM assets WHERE owner_id = :owner");
    if (q.from() != null) {
      sql.append(" AND taken_at >= :from");
    }
    if (q.to() != null) {
      sql.append(" AND taken_at < :to");
    }
    if (q.mediaType() != null) {
      sql.append(q.mediaType().contains("/") ? " AND media_type = :type" : " AND media_type LIKE :type");
    }
    if (q.promptText() != null) {
      sql.append(" AND LOWER(ai_prompt) LIKE :prompt ESCAPE '!'");
    }
    if (q.after() != null) {
      sql.append(" AND (taken_at < :cursorTaken OR (taken_at = :cursorTaken AND id < :cursorId))");
    }
    sql.append(" ORDER BY taken_at DESC, id DESC LIMIT :limit");
    return jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString()).bind("owner", q.ownerId()).bind("limit", q.limit());
      if (q.from() != null) {
        query.bind("from", q.from().toEpochMilli());
      }
      if (q.to() != null) {
        query.bind("to", q.to().toEpochMilli());
      }
      if (q.mediaType() != null) {
        query.bind("type", q.mediaType().contains("/") ? q.mediaType() : q.mediaType() + "/%");
      }
      if (q.promptText() != null) {
        query.bind("prompt", "%" + likeEscape(q.promptText().toLowerCase(java.util.Locale.ROOT)) + "%");
      }
      if (q.after() != null) {
        query.bind("cursorTaken", q.after().takenAtMillis()).bind("cursorId", q.after().id());
      }
      return withRenditions(h, query.map((rs, ctx) -> row(rs)).list());
    });
  }

  /** Deletes the row and its renditions' rows; false when there was none. */
  public boolean delete(String id) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM renditions WHERE asset_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM assets WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  /**
   * Deletes the row and its renditions' rows only when its version is still {@code expectedVersion}, so that
   * the caller deletes exactly the objects of the row it read (a migration may have moved one meanwhile).
   * Returns false when the row changed or is gone.
   */
  public boolean deleteIfUnchanged(String id, long expectedVersion) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM renditions WHERE asset_id = :id").bind("id", id).execute();
      if (h.createUpdate("DELETE FROM assets WHERE id = :id AND version = :version").bind("id", id)
          .bind("version", expectedVersion).execute() == 1) {
        return true;
      }
      h.rollback();
      return false;
    });
  }

  /**
   * Points one object of an asset at a new location, only when the asset's version is still
   * {@code expectedVersion} (nobody changed or deleted it since it was read). Bumps the version.
   * Returns false when the row changed or is gone; the caller then re-reads and decides again.
   */
  public boolean switchLocation(String assetId, ObjectKind object, long expectedVersion, Location newLocation) {
    return jdbi.inTransaction(h -> {
      int bumped = h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now"
              + (object == ObjectKind.ORIGINAL ? ", original_location = :loc" : "")
              + " WHERE id = :id AND version = :version")
          .bind("now", System.currentTimeMillis()).bind("loc", newLocation.toString()).bind("id", assetId)
          .bind("version", expectedVersion).execute();
      if (bumped != 1) {
        return false;
      }
      if (object != ObjectKind.ORIGINAL) {
        int moved = h.createUpdate("UPDATE renditions SET location = :loc WHERE asset_id = :id AND kind = :kind")
            .bind("loc", newLocation.toString()).bind("id", assetId).bind("kind", object.rendition().id()).execute();
        if (moved != 1) {
          h.rollback();
          return false;
        }
      }
      return true;
    });
  }

  /** How many objects (originals and renditions) each backend holds, by location prefix. */
  public Map<String, Long> countObjectsByBackend() {
    return jdbi.withHandle(h -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String sql : List.of("SELECT original_location AS loc FROM assets", "SELECT location AS loc FROM renditions")) {
        String backend = "CASE WHEN loc LIKE 'disk:%' THEN 'disk' WHEN loc LIKE 's3:%' THEN 's3' ELSE 'other' END";
        h.createQuery("SELECT " + backend + " AS backend, COUNT(*) AS n FROM (" + sql + ") x GROUP BY " + backend)
            .map((rs, ctx) -> Map.entry(rs.getString("backend"), rs.getLong("n")))
            .forEach(e -> counts.merge(e.getKey(), e.getValue(), Long::sum));
      }
      return counts;
    });
  }

  /** Every asset in id order, a page at a time, for tools that walk the whole catalog (migration, checks). */
  public List<Asset> pageById(String afterId, int limit) {
    return jdbi.withHandle(h -> withRenditions(h, h.createQuery("SELECT * FROM assets"
            + (afterId == null ? "" : " WHERE id > :after") + " ORDER BY id LIMIT :limit")
        .bind("after", afterId).bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
  }

  public long count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM assets").mapTo(Long.class).one());
  }

  /** Ids of an owner's assets (for deleting a user). */
  public List<String> idsOfOwner(String ownerId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM assets WHERE owner_id = :owner").bind("owner", ownerId)
        .mapTo(String.class).list());
  }

  private static List<Asset> withRenditions(Handle h, List<Asset> assets) {
    if (assets.isEmpty()) {
      return assets;
    }
    Map<String, Map<RenditionKind, StoredRendition>> byAsset = new LinkedHashMap<>();
    h.createQuery("SELECT * FROM renditions WHERE asset_id IN (<ids>)")
        .bindList("ids", assets.stream().map(Asset::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getString("asset_id"), rendition(rs)))
        .forEach(e -> byAsset.computeIfAbsent(e.getKey(), k -> new EnumMap<>(RenditionKind.class))
            .put(e.getValue().kind(), e.getValue()));
    List<Asset> out = new ArrayList<>(assets.size());
    for (Asset a : assets) {
      out.add(a.withRenditions(byAsset.getOrDefault(a.id(), Map.of())));
    }
    return out;
  }

  private static StoredRendition rendition(ResultSet rs) throws SQLException {
    return new StoredRendition(RenditionKind.parse(rs.getString("kind")), Location.parse(rs.getString("location")),
        rs.getString("media_type"), rs.getInt("width"), rs.getInt("height"), rs.getLong("size_bytes"),
        rs.getString("sha256"));
  }

  private static Asset row(ResultSet rs) throws SQLException {
    return new Asset(rs.getString("id"), rs.getString("owner_id"), rs.getString("sha256"), rs.getLong("size_bytes"),
        rs.getString("media_type"), rs.getString("original_name"),
        Location.parse(rs.getString("original_location")), intOrNull(rs, "width"), intOrNull(rs, "height"),
        rs.getString("capture_time"), Instant.ofEpochMilli(rs.getLong("taken_at")), intOrNull(rs, "orientation"),
        rs.getString("ai_prompt"), rs.getString("metadata_json"), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"), Map.of());
  }

  private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  static String likeEscape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
