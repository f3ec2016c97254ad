package dev.lightbox.server.assets;

import java.time.Instant;

/**
 * One page of an owner's assets, newest first.
 *
 * @param from inclusive lower bound on taken-at, or null
 * @param to exclusive upper bound on taken-at, or null
 * @param mediaType {@code image}, {@code video} or a full type such as {@code image/png}, or null
 * @param promptText text the AI prompt must contain (case-insensitive), or null
 * @param after the cursor of the last asset of the previous page, or null for the first page
 * @param marks favourite, rating, tag, album and trash filters
 */
public record AssetQuery(String ownerId, Instant from, Instant to, String mediaType, String promptText,
    Cursor after, int limit, Marks marks) {

  public AssetQuery {
    marks = marks == null ? Marks.NONE : marks;
  }

  /** Assets outside the trash, with no filter on marks. */
  public AssetQuery(String ownerId, Instant from, Instant to, String mediaType, String promptText, Cursor after,
      int limit) {
    this(ownerId, from, to, mediaType, promptText, after, limit, Marks.NONE);
  }

  /** Position in the newest-first order. */
  public record Cursor(long takenAtMillis, String id) {
  }

  /**
   * Filters on what the owner marked.
   *
   * @param favorite only favourites when true, only the others when false, all when null
   * @param minRating at least this rating, or null
   * @param tag only assets with this (lower-case) tag, or null
   * @param albumId only assets in this album of the owner's, or null (someone else's album: none)
   * @param trashed the trash when true, everything else when false
   */
  public record Marks(Boolean favorite, Integer minRating, String tag, String albumId, boolean trashed) {
    public static final Marks NONE = new Marks(null, null, null, null, false);
  }
}
