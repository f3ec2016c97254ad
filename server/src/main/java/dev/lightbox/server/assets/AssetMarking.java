package dev.lightbox.server.assets;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The trash (move, restore, empty, purge after a number of days) and the owner's marks on assets (favourite,
 * rating, tags). Another user's asset is answered like a missing one.
 */
public final class AssetMarking {
  public static final int MAX_TAG_LENGTH = 64;
  private static final int PURGE_PAGE = 200;
  private final AssetService assets;
  private final AssetMarksRepository marks;
  private final Clock clock;

  AssetMarking(AssetService assets, AssetMarksRepository marks, Clock clock) {
    this.assets = assets;
    this.marks = marks;
    this.clock = clock;
  }

  /** Moves the user's asset to the trash; missing, someone else's or already trashed: nothing happens. */
  public void trash(User user, String id) {
    marks.trash(user.id(), id, clock.instant());
    assets.invalidate(id);
  }

  /** Takes the user's asset out of the trash (an asset not in the trash stays as it is). */
  public Asset restore(User user, String id) {
    assets.get(user, id, true);
    marks.restore(user.id(), id);
    return assets.get(user, id, true);
  }

  /** Deletes every asset in the user's trash with its bytes; returns how many. Repeating it deletes nothing more. */
  public int emptyTrash(User user) {
    int n = 0;
    for (String id : marks.trashedIds(user.id())) {
      n += assets.deleteForGood(id, user.id(), Asset::trashed) ? 1 : 0;
    }
    return n;
  }

  /** Deletes every asset (any owner) that went to the trash more than {@code keep} ago; returns how many. */
  public int purgeOlderThan(Duration keep) {
    Instant cutoff = clock.instant().minus(keep);
    int n = 0;
    List<String> page;
    do {
      page = marks.trashedBefore(cutoff, PURGE_PAGE);
      for (String id : page) {
        n += assets.deleteForGood(id, null, a -> a.trashed() && a.marks().trashedAt().isBefore(cutoff)) ? 1 : 0;
      }
    } while (page.size() == PURGE_PAGE);
    return n;
  }

  /** Sets the favourite flag and/or the rating (null: unchanged) of the user's asset. */
  public Asset mark(User user, String id, Boolean favorite, Integer rating) {
    if (rating != null && (rating < 0 || rating > AssetMarks.MAX_RATING)) {
      throw ServerException.badRequest("'rating' must be a whole number from 0 to " + AssetMarks.MAX_RATING);
    }
    assets.get(user, id, true);
    if (favorite != null) {
      marks.setFavorite(user.id(), id, favorite);
    }
    if (rating != null) {
      marks.setRating(user.id(), id, rating);
    }
    return assets.get(user, id, true);
  }

  public Asset addTags(User user, String id, Collection<String> tags) {
    List<String> clean = new ArrayList<>(new TreeSet<>(tags.stream().map(AssetMarking::tag).toList()));
    assets.get(user, id, true);
    marks.addTags(user.id(), id, clean);
    return assets.get(user, id, true);
  }

  public Asset removeTag(User user, String id, String tag) {
    assets.get(user, id, true);
    marks.removeTag(user.id(), id, tag(tag));
    return assets.get(user, id, true);
  }

  public List<AssetMarksRepository.TagCount> tags(User user) {
    return marks.tagCounts(user.id());
  }

  /** A tag as stored: trimmed, lower-case, 1 to 64 characters without control characters. */
  public static String tag(String raw) {
    String t = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.length() > MAX_TAG_LENGTH || t.indexOf('/') >= 0
        || t.chars().anyMatch(Character::isISOControl)) {
      throw ServerException.badRequest("a tag must have 1 to " + MAX_TAG_LENGTH
          + " characters, no '/' and no control characters, got '" + (raw == null ? "" : raw.replaceAll("\\p{Cntrl}", "?"))
          + "'");
    }
    return t;
  }
}
