package dev.lightbox.server.albums;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The rules of albums: the owner only, names 1-200 characters, members must be the owner's assets. */
public final class AlbumService {
  public static final int MAX_NAME = 200;
  public static final int MAX_ASSETS_PER_CALL = 1_000;
  private final AlbumRepository albums;
  private final Clock clock;

  public AlbumService(AlbumRepository albums, Clock clock) {
    this.albums = albums;
    this.clock = clock;
  }

  /** Creates an album, with the given assets in it (each must be the user's). */
  public Album create(User user, String name, List<String> assetIds) {
    String clean = name(name);
    Set<String> ids = checkOwned(user, assetIds);
    String id = UUID.randomUUID().toString();
    albums.insert(id, user.id(), clean, clock.instant());
    if (!ids.isEmpty()) {
      albums.add(id, ids, clock.instant());
    }
    return get(user, id);
  }

  public Album get(User user, String id) {
    return albums.find(user.id(), id).orElseThrow(() -> ServerException.notFound("album " + id));
  }

  public List<Album> list(User user) {
    return albums.list(user.id());
  }

  /** Renames and/or sets the cover (an empty cover id returns to the newest asset). */
  public Album update(User user, String id, String name, String coverAssetId) {
    get(user, id);
    if (name != null) {
      albums.rename(user.id(), id, name(name), clock.instant());
    }
    if (coverAssetId != null) {
      if (coverAssetId.isEmpty()) {
        albums.setCover(user.id(), id, null, clock.instant());
      } else {
        checkOwned(user, List.of(coverAssetId));
        if (!albums.isMember(id, coverAssetId)) {
          throw new ServerException(ServerException.Kind.CONFLICT, "asset " + coverAssetId + " is not in album "
              + id + "; add it to the album first, then make it the cover", false, null);
        }
        albums.setCover(user.id(), id, coverAssetId, clock.instant());
      }
    }
    return get(user, id);
  }

  /** Deletes the album; its assets stay. */
  public void delete(User user, String id) {
    if (!albums.delete(user.id(), id)) {
      throw ServerException.notFound("album " + id);
    }
  }

  /** Adds the user's assets; returns how many were not members yet. */
  public int add(User user, String id, List<String> assetIds) {
    get(user, id);
    return albums.add(id, checkOwned(user, assetIds), clock.instant());
  }

  /** Removes assets from the album (ids that are not members are no error); returns how many were removed. */
  public int remove(User user, String id, List<String> assetIds) {
    get(user, id);
    return albums.remove(id, ids(assetIds), clock.instant());
  }

  private Set<String> checkOwned(User user, List<String> assetIds) {
    Set<String> ids = ids(assetIds);
    Set<String> owned = albums.ownedAssets(user.id(), ids);
    for (String assetId : ids) {
      if (!owned.contains(assetId)) {
        throw ServerException.notFound("asset " + assetId);
      }
    }
    return ids;
  }

  private static Set<String> ids(List<String> assetIds) {
    if (assetIds.size() > MAX_ASSETS_PER_CALL) {
      throw ServerException.badRequest("send at most " + MAX_ASSETS_PER_CALL + " asset ids per request, got "
          + assetIds.size() + "; split them into several requests");
    }
    return new LinkedHashSet<>(assetIds);
  }

  private static String name(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
      throw ServerException.badRequest("'name' must have 1 to " + MAX_NAME + " characters and no control characters");
    }
    return n;
  }
}
