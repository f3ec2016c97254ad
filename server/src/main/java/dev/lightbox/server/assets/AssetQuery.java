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
 */
public record AssetQuery(String ownerId, Instant from, Instant to, String mediaType, String promptText,
    Cursor after, int limit) {

  /** Position in the newest-first order. */
  public record Cursor(long takenAtMillis, String id) {
  }
}
