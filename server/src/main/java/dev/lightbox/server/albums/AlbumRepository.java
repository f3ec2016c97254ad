package dev.lightbox.server.albums;

import dev.lightbox.server.catalog.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Albums and their members. Thin: SQL in, records out; {@link AlbumService} holds the rules. */
public final class AlbumRepository {
  /** An album row with its count and cover: explicit (when outside the trash) or the newest member. */
  private static final String SELECT = "SELECT al.id, al.owner_id, al.name, al.created_at, al.updated_at,"
      + " (SELECT c.id FROM assets c WHERE c.id = al.cover_asset_id AND c.trashed_at IS NULL) AS explicit_cover,"
      + " (SELECT a.id FROM album_assets aa JOIN assets a ON a.id = aa.asset_id WHERE aa.album_id = al.id"
      + " AND a.trashed_at IS NULL ORDER BY a.taken_at DESC, a.id DESC LIMIT 1) AS first_asset,"
      + " (SELECT COUNT(*) FROM album_assets aa JOIN assets a ON a.id = aa.asset_id WHERE aa.album_id = al.id"
      + " AND a.trashed_at IS NULL) AS asset_count FROM albums al";
  private final Db db;

  public AlbumRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private AlbumRepository(Db db) {
    this.db = db;
  }

  public AlbumRepository on(Handle handle) {
    return new AlbumRepository(Db.joined(handle));
  }

  public void insert(String id, String ownerId, String name, Instant now) {
    db.with(h -> h.createUpdate("INSERT INTO albums (id, owner_id, name, cover_asset_id, created_at, updated_at)"
            + " VALUES (:id, :owner, :name, NULL, :now, :now)")
        .bind("id", id).bind("owner", ownerId).bind("name", name).bind("now", now.toEpochMilli()).execute());
  }

  /** The owner's album; empty when missing or someone else's. */
  public Optional<Album> find(String ownerId, String id) {
    return db.with(h -> h.createQuery(SELECT + " WHERE al.id = :id AND al.owner_id = :owner")
        .bind("id", id).bind("owner", ownerId).map((rs, ctx) -> album(rs)).findOne());
  }

  /** The owner's albums, newest first. */
  public List<Album> list(String ownerId) {
    return db.with(h -> h.createQuery(SELECT + " WHERE al.owner_id = :owner ORDER BY al.created_at DESC, al.id")
        .bind("owner", ownerId).map((rs, ctx) -> album(rs)).list());
  }

  public boolean rename(String ownerId, String id, String name, Instant now) {
    return db.with(h -> h.createUpdate("UPDATE albums SET name = :name, updated_at = :now WHERE id = :id"
            + " AND owner_id = :owner").bind("name", name).bind("now", now.toEpochMilli()).bind("id", id)
        .bind("owner", ownerId).execute() == 1);
  }

  /** Sets the explicit cover, or clears it with null. */
  public boolean setCover(String ownerId, String id, String assetId, Instant now) {
    return db.with(h -> h.createUpdate("UPDATE albums SET cover_asset_id = :cover, updated_at = :now WHERE id = :id"
            + " AND owner_id = :owner").bind("cover", assetId).bind("now", now.toEpochMilli()).bind("id", id)
        .bind("owner", ownerId).execute() == 1);
  }

  /** Deletes the album and its memberships; the assets stay. */
  public boolean delete(String ownerId, String id) {
    return db.allOrNothing(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM albums WHERE id = :id AND owner_id = :owner").bind("id", id)
          .bind("owner", ownerId).mapTo(Long.class).one() == 0) {
        return false;
      }
      h.createUpdate("DELETE FROM album_assets WHERE album_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM albums WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  /** Which of {@code assetIds} are the owner's assets (in the trash or not). */
  public Set<String> ownedAssets(String ownerId, Collection<String> assetIds) {
    if (assetIds.isEmpty()) {
      return Set.of();
    }
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE owner_id = :owner AND id IN (<ids>)")
        .bind("owner", ownerId).bindList("ids", List.copyOf(Set.copyOf(assetIds))).mapTo(String.class).set());
  }

  /** Adds members (already members are kept once); returns how many were new. */
  public int add(String albumId, Collection<String> assetIds, Instant now) {
    int[] added = {0};
    db.allOrNothing(h -> {
      for (String assetId : assetIds) {
        added[0] += h.createUpdate("INSERT INTO album_assets (album_id, asset_id, added_at) VALUES (:album, :asset,"
                + " :now) ON CONFLICT DO NOTHING").bind("album", albumId).bind("asset", assetId)
            .bind("now", now.toEpochMilli()).execute();
      }
      h.createUpdate("UPDATE albums SET updated_at = :now WHERE id = :album").bind("now", now.toEpochMilli())
          .bind("album", albumId).execute();
      return true;
    });
    return added[0];
  }

  /** Removes members; returns how many were members. An explicit cover that leaves the album is cleared. */
  public int remove(String albumId, Collection<String> assetIds, Instant now) {
    int[] removed = {0};
    db.allOrNothing(h -> {
      for (String assetId : assetIds) {
        removed[0] += h.createUpdate("DELETE FROM album_assets WHERE album_id = :album AND asset_id = :asset")
            .bind("album", albumId).bind("asset", assetId).execute();
      }
      h.createUpdate("UPDATE albums SET cover_asset_id = NULL WHERE id = :album AND cover_asset_id IS NOT NULL"
          + " AND cover_asset_id NOT IN (SELECT asset_id FROM album_assets WHERE album_id = :album)")
          .bind("album", albumId).execute();
      h.createUpdate("UPDATE albums SET updated_at = :now WHERE id = :album").bind("now", now.toEpochMilli())
          .bind("album", albumId).execute();
      return true;
    });
    return removed[0];
  }

  public boolean isMember(String albumId, String assetId) {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM album_assets WHERE album_id = :album AND asset_id = :asset")
        .bind("album", albumId).bind("asset", assetId).mapTo(Long.class).one() > 0);
  }

  private static Album album(ResultSet rs) throws SQLException {
    String explicit = rs.getString("explicit_cover");
    return new Album(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
        explicit != null ? explicit : rs.getString("first_asset"), explicit != null, rs.getLong("asset_count"),
        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
