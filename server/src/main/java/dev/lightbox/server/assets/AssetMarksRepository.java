package dev.lightbox.server.assets;

import dev.lightbox.server.catalog.Db;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What owners mark on their assets: favourite, rating, tags, and the trash. Every statement names the owner,
 * so that a wrong owner changes nothing (the services answer that as "not found"). Changes bump the version.
 */
public final class AssetMarksRepository {
  private final Db db;

  AssetMarksRepository(Db db) {
    this.db = db;
  }

  /** A tag and how many of the owner's assets outside the trash carry it. */
  public record TagCount(String tag, long count) {
  }

  public boolean setFavorite(String ownerId, String id, boolean favorite) {
    return update(ownerId, id, "favorite = :value", favorite);
  }

  public boolean setRating(String ownerId, String id, int rating) {
    return update(ownerId, id, "rating = :value", rating);
  }

  /** Moves to the trash at {@code now}; false when missing, not the owner's or already in the trash. */
  public boolean trash(String ownerId, String id, Instant now) {
    return db.with(h -> h.createUpdate("UPDATE assets SET trashed_at = :now, version = version + 1,"
            + " updated_at = :now WHERE id = :id AND owner_id = :owner AND trashed_at IS NULL")
        .bind("now", now.toEpochMilli()).bind("id", id).bind("owner", ownerId).execute() == 1);
  }

  /** Takes out of the trash; false when missing, not the owner's or not in the trash. */
  public boolean restore(String ownerId, String id) {
    return db.with(h -> h.createUpdate("UPDATE assets SET trashed_at = NULL, version = version + 1,"
            + " updated_at = :now WHERE id = :id AND owner_id = :owner AND trashed_at IS NOT NULL")
        .bind("now", System.currentTimeMillis()).bind("id", id).bind("owner", ownerId).execute() == 1);
  }

  /** Ids of the owner's assets in the trash. */
  public List<String> trashedIds(String ownerId) {
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE owner_id = :owner AND trashed_at IS NOT NULL")
        .bind("owner", ownerId).mapTo(String.class).list());
  }

  /** Ids of assets (any owner) trashed before {@code cutoff}, at most {@code limit}. */
  public List<String> trashedBefore(Instant cutoff, int limit) {
    return db.with(h -> h.createQuery("SELECT id FROM assets WHERE trashed_at IS NOT NULL AND trashed_at < :cutoff"
            + " ORDER BY trashed_at LIMIT :limit")
        .bind("cutoff", cutoff.toEpochMilli()).bind("limit", limit).mapTo(String.class).list());
  }

  /** Adds tags (lower-case) to the owner's asset; tags it has already are kept once. False when not the owner's. */
  public boolean addTags(String ownerId, String id, Collection<String> tags) {
    return db.allOrNothing(h -> {
      if (h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now WHERE id = :id"
          + " AND owner_id = :owner").bind("now", System.currentTimeMillis()).bind("id", id).bind("owner", ownerId)
          .execute() != 1) {
        return false;
      }
      for (String tag : tags) {
        h.createUpdate("INSERT INTO asset_tags (asset_id, tag) VALUES (:id, :tag) ON CONFLICT DO NOTHING")
            .bind("id", id).bind("tag", tag).execute();
      }
      return true;
    });
  }

  /** Removes a tag; false when the asset is not the owner's (a tag it did not have is no error). */
  public boolean removeTag(String ownerId, String id, String tag) {
    return db.allOrNothing(h -> {
      if (h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now WHERE id = :id"
          + " AND owner_id = :owner").bind("now", System.currentTimeMillis()).bind("id", id).bind("owner", ownerId)
          .execute() != 1) {
        return false;
      }
      h.createUpdate("DELETE FROM asset_tags WHERE asset_id = :id AND tag = :tag").bind("id", id).bind("tag", tag)
          .execute();
      return true;
    });
  }

  /** The owner's tags with counts of assets outside the trash, most used first. */
  public List<TagCount> tagCounts(String ownerId) {
    return db.with(h -> h.createQuery("SELECT t.tag, COUNT(*) AS n FROM asset_tags t JOIN assets a ON a.id = t.asset_id"
            + " WHERE a.owner_id = :owner AND a.trashed_at IS NULL GROUP BY t.tag ORDER BY n DESC, t.tag")
        .bind("owner", ownerId).map((rs, ctx) -> new TagCount(rs.getString("tag"), rs.getLong("n"))).list());
  }

  private boolean update(String ownerId, String id, String set, Object value) {
    return db.with(h -> h.createUpdate("UPDATE assets SET " + set + ", version = version + 1, updated_at = :now"
            + " WHERE id = :id AND owner_id = :owner")
        .bind("value", value).bind("now", System.currentTimeMillis()).bind("id", id).bind("owner", ownerId)
        .execute() == 1);
  }
}
