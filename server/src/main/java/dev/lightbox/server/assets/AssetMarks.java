package dev.lightbox.server.assets;

import java.time.Instant;
import java.util.List;

/**
 * What the owner marked on an asset.
 *
 * @param rating 0 (unrated) to 5
 * @param tags free tags, sorted, lower-case
 * @param trashedAt when it was moved to the trash, or null when it is not in the trash
 */
public record AssetMarks(boolean favorite, int rating, List<String> tags, Instant trashedAt) {
  public static final AssetMarks NONE = new AssetMarks(false, 0, List.of(), null);
  public static final int MAX_RATING = 5;

  public AssetMarks {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public AssetMarks withTags(List<String> t) {
    return new AssetMarks(favorite, rating, t, trashedAt);
  }
}
