package dev.lightbox.server.assets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Rows of {@code assets} and {@code renditions} into records. */
final class AssetRows {
  private AssetRows() {
  }

  static List<Asset> withRenditions(Handle h, List<Asset> assets) {
    if (assets.isEmpty()) {
      return assets;
    }
    Map<String, Map<RenditionKind, StoredRendition>> byAsset = new LinkedHashMap<>();
    h.createQuery("SELECT * FROM renditions WHERE asset_id IN (<ids>)")
        .bindList("ids", assets.stream().map(Asset::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getString("asset_id"), rendition(rs)))
        .forEach(e -> byAsset.computeIfAbsent(e.getKey(), k -> new EnumMap<>(RenditionKind.class))
            .put(e.getValue().kind(), e.getValue()));
    Map<String, List<String>> tags = new LinkedHashMap<>();
    h.createQuery("SELECT asset_id, tag FROM asset_tags WHERE asset_id IN (<ids>) ORDER BY tag")
        .bindList("ids", assets.stream().map(Asset::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getString("asset_id"), rs.getString("tag")))
        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    List<Asset> out = new ArrayList<>(assets.size());
    for (Asset a : assets) {
      Asset withTags = a.withMarks(a.marks().withTags(tags.getOrDefault(a.id(), List.of())));
      out.add(withTags.withRenditions(byAsset.getOrDefault(a.id(), Map.of())));
    }
    return out;
  }

  static StoredRendition rendition(ResultSet rs) throws SQLException {
    return new StoredRendition(RenditionKind.parse(rs.getString("kind")), Location.parse(rs.getString("location")),
        rs.getString("media_type"), rs.getInt("width"), rs.getInt("height"), rs.getLong("size_bytes"),
        rs.getString("sha256"));
  }

  static Asset asset(ResultSet rs) throws SQLException {
    return new Asset(rs.getString("id"), rs.getString("owner_id"), rs.getString("sha256"), rs.getLong("size_bytes"),
        rs.getString("media_type"), rs.getString("original_name"),
        Location.parse(rs.getString("original_location")), intOrNull(rs, "width"), intOrNull(rs, "height"),
        rs.getString("capture_time"), Instant.ofEpochMilli(rs.getLong("taken_at")), intOrNull(rs, "orientation"),
        rs.getString("ai_prompt"), rs.getString("metadata_json"), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("version"), Map.of(),
        rs.getObject("offline_since") != null, marks(rs));
  }

  static AssetMarks marks(ResultSet rs) throws SQLException {
    long trashed = rs.getLong("trashed_at");
    Instant trashedAt = rs.wasNull() ? null : Instant.ofEpochMilli(trashed);
    return new AssetMarks(rs.getBoolean("favorite"), rs.getInt("rating"), List.of(), trashedAt);
  }

  /** A row with columns asset_id, kind, version, location, sha256, size_bytes, media_type; null for an unknown kind. */
  static StoredObject object(ResultSet rs) throws SQLException {
    ObjectKind kind = ObjectKind.fromId(rs.getString("kind"));
    return kind == null ? null : new StoredObject(rs.getString("asset_id"), kind, rs.getLong("version"),
        Location.parse(rs.getString("location")), rs.getString("sha256"), rs.getLong("size_bytes"),
        rs.getString("media_type"));
  }

  private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
