package dev.lightbox.server.library;

import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.catalog.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Libraries, their files, and the few changes a library makes to its assets' rows (content replaced after the
 * file changed, offline and back, provenance attached). Thin: SQL in, records out.
 */
public final class LibraryRepository {
  private final Db db;

  public LibraryRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private LibraryRepository(Db db) {
    this.db = db;
  }

  public LibraryRepository on(Handle handle) {
    return new LibraryRepository(Db.joined(handle));
  }

  public void insert(Library l) {
    Library.S3Source s = l.s3();
    db.with(h -> h.createUpdate("INSERT INTO libraries (id, name, kind, owner_id, root, bucket, prefix, endpoint,"
            + " region, path_style, access_key_id, secret_access_key, profile, created_at) VALUES (:id, :name, :kind,"
            + " :owner, :root, :bucket, :prefix, :endpoint, :region, :pathStyle, :keyId, :secret, :profile, :created)")
        .bind("id", l.id()).bind("name", l.name()).bind("kind", l.kind().id()).bind("owner", l.ownerId())
        .bind("root", l.root()).bind("bucket", s == null ? null : s.bucket())
        .bind("prefix", s == null ? null : s.prefix()).bind("endpoint", s == null ? null : s.endpoint())
        .bind("region", s == null ? null : s.region()).bind("pathStyle", s == null ? null : s.pathStyle())
        .bind("keyId", s == null ? null : s.accessKeyId()).bind("secret", s == null ? null : s.secretAccessKey())
        .bind("profile", s == null ? null : s.profile()).bind("created", l.createdAt().toEpochMilli()).execute());
  }

  public List<Library> list() {
    return db.with(h -> h.createQuery("SELECT * FROM libraries ORDER BY created_at, id")
        .map((rs, ctx) -> library(rs)).list());
  }

  public Optional<Library> find(String id) {
    return db.with(h -> h.createQuery("SELECT * FROM libraries WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> library(rs)).findOne());
  }

  /** The last finished scan's summary (JSON), or null. */
  public String lastScan(String id) {
    return db.with(h -> h.createQuery("SELECT last_scan_json FROM libraries WHERE id = :id").bind("id", id)
        .mapTo(String.class).findOne().orElse(null));
  }

  public void recordScan(String id, Instant at, String summaryJson) {
    db.with(h -> h.createUpdate("UPDATE libraries SET last_scan_at = :at, last_scan_json = :json WHERE id = :id")
        .bind("at", at.toEpochMilli()).bind("json", summaryJson).bind("id", id).execute());
  }

  /** Removes the library's rows (its files' rows first). */
  public void delete(String id) {
    db.allOrNothing(h -> {
      h.createUpdate("DELETE FROM library_files WHERE library_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM libraries WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  public Map<String, LibraryFile> files(String libraryId) {
    return db.with(h -> h.createQuery("SELECT * FROM library_files WHERE library_id = :id").bind("id", libraryId)
        .map((rs, ctx) -> file(rs)).stream().collect(Collectors.toMap(LibraryFile::path, Function.identity())));
  }

  /** Files per state, for the status. */
  public Map<String, Long> countByState(String libraryId) {
    return db.with(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM library_files WHERE library_id = :id"
            + " GROUP BY state").bind("id", libraryId)
        .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n"))).stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  public void upsertFile(LibraryFile f) {
    db.allOrNothing(h -> {
      h.createUpdate("DELETE FROM library_files WHERE library_id = :lib AND path = :path")
          .bind("lib", f.libraryId()).bind("path", f.path()).execute();
      h.createUpdate("INSERT INTO library_files (library_id, path, size_bytes, modified_at, etag, sha256, asset_id,"
              + " owns_asset, state, skip_reason, seen_at) VALUES (:lib, :path, :size, :modified, :etag, :sha, :asset,"
              + " :owns, :state, :reason, :seen)")
          .bind("lib", f.libraryId()).bind("path", f.path()).bind("size", f.sizeBytes())
          .bind("modified", f.modifiedAt()).bind("etag", f.etag()).bind("sha", f.sha256()).bind("asset", f.assetId())
          .bind("owns", f.ownsAsset()).bind("state", f.state()).bind("reason", f.skipReason())
          .bind("seen", f.seenAt()).execute();
      return true;
    });
  }

  public void deleteFile(String libraryId, String path) {
    db.with(h -> h.createUpdate("DELETE FROM library_files WHERE library_id = :lib AND path = :path")
        .bind("lib", libraryId).bind("path", path).execute());
  }

  /** Ids of the assets whose originals live in this library. */
  public List<String> ownedAssetIds(String libraryId) {
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE original_location LIKE :like")
        .bind("like", Location.LIBRARY_PREFIX + libraryId + "/%").mapTo(String.class).list());
  }

  /** Marks the asset offline (since {@code at}) or, with null, online again. Bumps the version when it changes. */
  public void setOffline(String assetId, Instant at) {
    db.with(h -> h.createUpdate(at == null
            ? "UPDATE assets SET offline_since = NULL, version = version + 1, updated_at = :now"
                + " WHERE id = :id AND offline_since IS NOT NULL"
            : "UPDATE assets SET offline_since = :at, version = version + 1, updated_at = :now"
                + " WHERE id = :id AND offline_since IS NULL")
        .bind("at", at == null ? null : at.toEpochMilli()).bind("now", System.currentTimeMillis())
        .bind("id", assetId).execute());
  }

  /** The asset's metadata JSON replaced (provenance attached), version bumped. */
  public void setMetadata(String assetId, String metadataJson) {
    db.with(h -> h.createUpdate("UPDATE assets SET metadata_json = :meta, version = version + 1, updated_at = :now"
            + " WHERE id = :id").bind("meta", metadataJson).bind("now", System.currentTimeMillis())
        .bind("id", assetId).execute());
  }

  /**
   * Replaces what the asset's row says of its content (the file changed): hash, size, type, metadata and
   * renditions, online, version bumped; only when its version is still {@code expectedVersion}.
   */
  public boolean replaceContent(Asset a, long expectedVersion) {
    return db.allOrNothing(h -> {
      int n = h.createUpdate("UPDATE assets SET sha256 = :sha, size_bytes = :size, media_type = :type, width = :w,"
              + " height = :h, capture_time = :capture, taken_at = :taken, orientation = :orientation,"
              + " ai_prompt = :prompt, metadata_json = :meta, updated_at = :now, version = version + 1,"
              + " offline_since = NULL WHERE id = :id AND version = :version")
          .bind("sha", a.sha256()).bind("size", a.sizeBytes()).bind("type", a.mediaType()).bind("w", a.width())
          .bind("h", a.height()).bind("capture", a.captureTime()).bind("taken", a.takenAt().toEpochMilli())
          .bind("orientation", a.orientation()).bind("prompt", a.aiPrompt()).bind("meta", a.metadataJson())
          .bind("now", a.updatedAt().toEpochMilli()).bind("id", a.id()).bind("version", expectedVersion).execute();
      if (n != 1) {
        return false;
      }
      h.createUpdate("DELETE FROM renditions WHERE asset_id = :id").bind("id", a.id()).execute();
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

  private static Library library(ResultSet rs) throws SQLException {
    Library.Kind kind = Library.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT));
    Library.S3Source s3 = null;
    if (kind == Library.Kind.S3) {
      Object pathStyle = rs.getObject("path_style");
      s3 = new Library.S3Source(rs.getString("bucket"), rs.getString("prefix"), rs.getString("endpoint"),
          rs.getString("region"), pathStyle == null ? null : rs.getBoolean("path_style"),
          rs.getString("access_key_id"), rs.getString("secret_access_key"), rs.getString("profile"));
    }
    return new Library(rs.getString("id"), rs.getString("name"), kind, rs.getString("owner_id"), rs.getString("root"),
        s3, Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static LibraryFile file(ResultSet rs) throws SQLException {
    return new LibraryFile(rs.getString("library_id"), rs.getString("path"), rs.getLong("size_bytes"),
        rs.getLong("modified_at"), rs.getString("etag"), rs.getString("sha256"), rs.getString("asset_id"),
        rs.getBoolean("owns_asset"), rs.getString("state"), rs.getString("skip_reason"), rs.getLong("seen_at"));
  }
}
