package dev.lightbox.server.assets;

import dev.lightbox.server.catalog.Db;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** Assets and their renditions. Thin: SQL in, records out; the services hold the rules. */
public final class AssetRepository {
  /** Values per IN list: well under SQLite's and PostgreSQL's bound-parameter limits. */
  private static final int IN_CHUNK = 500;
  private final Db db;

  public AssetRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private AssetRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public AssetRepository on(Handle handle) {
    return new AssetRepository(Db.joined(handle));
  }

  /** The sidecar files of assets, on the same connection source (or the caller's handle). */
  public SidecarRepository sidecars() {
    return new SidecarRepository(db);
  }

  /** Inserts the asset and its renditions, all or nothing. Fails on a duplicate (owner, sha256). */
  public void insert(Asset a) {
    db.allOrNothing(h -> {
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
      return true;
    });
  }

  public Optional<Asset> findById(String id) {
    return db.with(h -> {
      List<Asset> found = h.createQuery("SELECT * FROM assets WHERE id = :id").bind("id", id)
          .map((rs, ctx) -> AssetRows.asset(rs)).list();
      return found.isEmpty() ? Optional.empty() : Optional.of(AssetRows.withRenditions(h, found).getFirst());
    });
  }

  public Optional<Asset> findByOwnerAndSha256(String ownerId, String sha256) {
    return db.with(h -> {
      List<Asset> found = h.createQuery("SELECT * FROM assets WHERE owner_id = :owner AND sha256 = :sha")
          .bind("owner", ownerId).bind("sha", sha256).map((rs, ctx) -> AssetRows.asset(rs)).list();
      return found.isEmpty() ? Optional.empty() : Optional.of(AssetRows.withRenditions(h, found).getFirst());
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
    AssetQuery.Marks m = q.marks();
    sql.append(m.trashed() ? " AND trashed_at IS NOT NULL" : " AND trashed_at IS NULL");
    if (m.favorite() != null) {
      sql.append(" AND favorite = :favorite");
    }
    if (m.minRating() != null) {
      sql.append(" AND rating >= :minRating");
    }
    if (m.tag() != null) {
      sql.append(" AND id IN (SELECT asset_id FROM asset_tags WHERE tag = :tag)");
    }
    if (m.albumId() != null) {
      sql.append(" AND id IN (SELECT aa.asset_id FROM album_assets aa JOIN albums al ON al.id = aa.album_id"
          + " WHERE aa.album_id = :album AND al.owner_id = :owner)");
    }
    if (q.after() != null) {
      sql.append(" AND (taken_at < :cursorTaken OR (taken_at = :cursorTaken AND id < :cursorId))");
    }
    sql.append(" ORDER BY taken_at DESC, id DESC LIMIT :limit");
    return db.with(h -> {
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
      if (m.favorite() != null) {
        query.bind("favorite", m.favorite());
      }
      if (m.minRating() != null) {
        query.bind("minRating", m.minRating());
      }
      if (m.tag() != null) {
        query.bind("tag", m.tag());
      }
      if (m.albumId() != null) {
        query.bind("album", m.albumId());
      }
      if (q.after() != null) {
        query.bind("cursorTaken", q.after().takenAtMillis()).bind("cursorId", q.after().id());
      }
      return AssetRows.withRenditions(h, query.map((rs, ctx) -> AssetRows.asset(rs)).list());
    });
  }

  /** Deletes the row and its renditions' rows; false when there was none. */
  public boolean delete(String id) {
    return db.allOrNothing(h -> {
      h.createUpdate("DELETE FROM renditions WHERE asset_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM sidecars WHERE asset_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM assets WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  /**
   * Deletes the row and its renditions' rows only when its version is still {@code expectedVersion}, so that
   * the caller deletes exactly the objects of the row it read (a migration may have moved one meanwhile).
   * Returns false when the row changed or is gone.
   */
  public boolean deleteIfUnchanged(String id, long expectedVersion) {
    return db.allOrNothing(h -> {
      h.createUpdate("DELETE FROM renditions WHERE asset_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM sidecars WHERE asset_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM assets WHERE id = :id AND version = :version").bind("id", id)
          .bind("version", expectedVersion).execute() == 1;
    });
  }

  /**
   * Points one object of an asset at a new location, only when the asset's version is still
   * {@code expectedVersion} (nobody changed or deleted it since it was read). Bumps the version.
   * Returns false when the row changed or is gone; the caller then re-reads and decides again.
   * See {@link ObjectRepository#switchLocation}, which this is with no expected current location.
   */
  public boolean switchLocation(String assetId, ObjectKind object, long expectedVersion, Location newLocation) {
    return new ObjectRepository(db).switchLocation(assetId, object, expectedVersion, null, newLocation);
  }

  /** How many objects (originals, renditions and sidecars) each backend holds, by location prefix. */
  public Map<String, Long> countObjectsByBackend() {
    return db.with(h -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String sql : List.of("SELECT original_location AS loc FROM assets", "SELECT location AS loc FROM renditions",
          "SELECT location AS loc FROM sidecars")) {
        String backend = "CASE WHEN loc LIKE 'disk:%' THEN 'disk' WHEN loc LIKE 's3:%' THEN 's3'"
            + " WHEN loc LIKE 'library:%' THEN 'library' ELSE 'other' END";
        h.createQuery("SELECT " + backend + " AS backend, COUNT(*) AS n FROM (" + sql + ") x GROUP BY " + backend)
            .map((rs, ctx) -> Map.entry(rs.getString("backend"), rs.getLong("n")))
            .forEach(e -> counts.merge(e.getKey(), e.getValue(), Long::sum));
      }
      return counts;
    });
  }

  /** Every asset in id order, a page at a time, for tools that walk the whole catalog (migration, checks). */
  public List<Asset> pageById(String afterId, int limit) {
    return db.with(h -> AssetRows.withRenditions(h, h.createQuery("SELECT * FROM assets"
            + (afterId == null ? "" : " WHERE id > :after") + " ORDER BY id LIMIT :limit")
        .bind("after", afterId).bind("limit", limit).map((rs, ctx) -> AssetRows.asset(rs)).list()));
  }

  public long count() {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM assets").mapTo(Long.class).one());
  }

  /** Which of {@code ids} name an asset that exists. */
  public Set<String> existingIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE id IN (<ids>)")
        .bindList("ids", List.copyOf(Set.copyOf(ids))).mapTo(String.class).set());
  }

  /** The originals of those of {@code ids} that are {@code ownerId}'s assets, in no particular order. */
  public List<OriginalFile> originals(String ownerId, Collection<String> ids) {
    List<String> all = List.copyOf(new LinkedHashSet<>(ids));
    List<OriginalFile> found = new java.util.ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      found.addAll(db.with(h -> h.createQuery("SELECT id, original_name, size_bytes, sha256, original_location,"
              + " taken_at FROM assets WHERE owner_id = :owner AND id IN (<ids>)")
          .bind("owner", ownerId).bindList("ids", chunk)
          .map((rs, ctx) -> new OriginalFile(rs.getString("id"), rs.getString("original_name"),
              rs.getLong("size_bytes"), rs.getString("sha256"), Location.parse(rs.getString("original_location")),
              java.time.Instant.ofEpochMilli(rs.getLong("taken_at")))).list()));
    }
    return found;
  }

  /** Which of {@code sha256s} (lower-case hex) {@code ownerId} already has an asset for. */
  public Set<String> presentSha256s(String ownerId, Collection<String> sha256s) {
    List<String> all = List.copyOf(new LinkedHashSet<>(sha256s));
    Set<String> present = new HashSet<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      present.addAll(db.with(h -> h.createQuery(
              "SELECT sha256 FROM assets WHERE owner_id = :owner AND sha256 IN (<shas>)")
          .bind("owner", ownerId).bindList("shas", chunk).mapTo(String.class).set()));
    }
    return present;
  }

  /** The ids of {@code ownerId}'s assets with any of {@code sha256s} (lower-case hex), by SHA-256. */
  public Map<String, String> idsBySha256(String ownerId, Collection<String> sha256s) {
    List<String> all = List.copyOf(new LinkedHashSet<>(sha256s));
    Map<String, String> out = new LinkedHashMap<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      db.with(h -> h.createQuery("SELECT sha256, id FROM assets WHERE owner_id = :owner AND sha256 IN (<shas>)")
          .bind("owner", ownerId).bindList("shas", chunk)
          .map((rs, ctx) -> Map.entry(rs.getString("sha256"), rs.getString("id"))).list())
          .forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Ids of an owner's assets (for deleting a user). */
  public List<String> idsOfOwner(String ownerId) {
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE owner_id = :owner").bind("owner", ownerId)
        .mapTo(String.class).list());
  }

  /** Favourites, ratings, tags and the trash, on this repository's connection or transaction. */
  public AssetMarksRepository marks() {
    return new AssetMarksRepository(db);
  }

  static String likeEscape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
