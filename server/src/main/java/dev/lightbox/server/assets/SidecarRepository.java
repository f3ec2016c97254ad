package dev.lightbox.server.assets;

import dev.lightbox.server.catalog.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The {@code sidecars} rows of assets. Obtain it with {@link AssetRepository#sidecars()}. */
public final class SidecarRepository {
  private final Db db;

  SidecarRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public SidecarRepository on(Handle handle) {
    return new SidecarRepository(Db.joined(handle));
  }

  /** The asset's sidecars by name. */
  public List<Sidecar> of(String assetId) {
    return db.with(h -> h.createQuery("SELECT * FROM sidecars WHERE asset_id = :id ORDER BY name")
        .bind("id", assetId).map((rs, ctx) -> row(rs)).list());
  }

  /** The sidecars of several assets, by asset id (assets without any are absent). */
  public Map<String, List<Sidecar>> of(Collection<String> assetIds) {
    Map<String, List<Sidecar>> out = new LinkedHashMap<>();
    List<String> ids = List.copyOf(Set.copyOf(assetIds));
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      db.with(h -> h.createQuery("SELECT * FROM sidecars WHERE asset_id IN (<ids>) ORDER BY asset_id, name")
          .bindList("ids", chunk).map((rs, ctx) -> row(rs)).list())
          .forEach(s -> out.computeIfAbsent(s.assetId(), k -> new java.util.ArrayList<>()).add(s));
    }
    return out;
  }

  public Optional<Sidecar> find(String assetId, String name) {
    return db.with(h -> h.createQuery("SELECT * FROM sidecars WHERE asset_id = :id AND name = :name")
        .bind("id", assetId).bind("name", name).map((rs, ctx) -> row(rs)).findOne());
  }

  /**
   * Records the sidecar (replacing the row of the same name) and the asset's new metadata, only when the
   * asset's version is still {@code expectedVersion}; bumps it. False, having written nothing, when the asset
   * changed or is gone.
   */
  public boolean put(Sidecar s, long expectedVersion, String metadataJson, String aiPrompt, String captureTime,
      Instant takenAt) {
    return db.allOrNothing(h -> {
      int bumped = h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now, metadata_json = :meta,"
              + " ai_prompt = :prompt, capture_time = :capture, taken_at = :taken WHERE id = :id AND version = :version")
          .bind("now", System.currentTimeMillis()).bind("meta", metadataJson).bind("prompt", aiPrompt)
          .bind("capture", captureTime).bind("taken", takenAt.toEpochMilli()).bind("id", s.assetId())
          .bind("version", expectedVersion).execute();
      if (bumped != 1) {
        return false;
      }
      h.createUpdate("DELETE FROM sidecars WHERE asset_id = :id AND name = :name").bind("id", s.assetId())
          .bind("name", s.name()).execute();
      h.createUpdate("INSERT INTO sidecars (asset_id, name, type, location, media_type, size_bytes, sha256,"
              + " created_at) VALUES (:id, :name, :type, :loc, :mt, :size, :sha, :created)")
          .bind("id", s.assetId()).bind("name", s.name()).bind("type", s.type()).bind("loc", s.location().toString())
          .bind("mt", s.mediaType()).bind("size", s.sizeBytes()).bind("sha", s.sha256())
          .bind("created", s.createdAt().toEpochMilli()).execute();
      return true;
    });
  }

  /** Whether any sidecar row points at {@code location}. */
  public boolean referenced(Location location) {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM sidecars WHERE location = :loc")
        .bind("loc", location.toString()).mapTo(Long.class).one()) > 0;
  }

  private static Sidecar row(ResultSet rs) throws SQLException {
    return new Sidecar(rs.getString("asset_id"), rs.getString("name"), rs.getString("type"),
        Location.parse(rs.getString("location")), rs.getString("media_type"), rs.getLong("size_bytes"),
        rs.getString("sha256"), Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
