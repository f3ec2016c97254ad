package dev.lightbox.server.assets;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.storage.LibraryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and deleting assets with the ownership check: another user's asset is reported exactly like a
 * missing one. Rows are cached for a few seconds for serving; a read that finds the object gone re-reads
 * the row (it may have moved, see the migration command).
 */
public final class AssetService {
  private static final Logger LOG = LoggerFactory.getLogger(AssetService.class);
  private final AssetRepository repository;
  private final LibraryStorage storage;
  private final BoundedCache<String, Asset> cache = BoundedCache.entries(50_000, Duration.ofSeconds(10));

  private final AssetMarking marking;

  public AssetService(AssetRepository repository, LibraryStorage storage) {
    this(repository, storage, java.time.Clock.systemUTC());
  }

  /** With {@code clock} for the trash's times. */
  public AssetService(AssetRepository repository, LibraryStorage storage, java.time.Clock clock) {
    this.repository = repository;
    this.storage = storage;
    this.marking = new AssetMarking(this, repository.marks(), clock);
  }

  /** The user's asset; 404 when it is missing or someone else's. */
  public Asset get(User user, String id, boolean fresh) {
    if (fresh) {
      cache.invalidate(id);
    }
    Asset asset = cache.get(id, k -> repository.findById(k).orElse(null));
    if (asset == null || !asset.ownerId().equals(user.id())) {
      throw ServerException.notFound("asset " + id);
    }
    return asset;
  }

  /** The user's asset if it is cached, else null (also when it is someone else's: the caller then asks get). */
  public Asset cached(User user, String id) {
    Asset asset = cache.get(id);
    return asset != null && asset.ownerId().equals(user.id()) ? asset : null;
  }

  public List<Asset> list(AssetQuery query) {
    return repository.list(query);
  }

  /**
   * Deletes the user's asset for good: the row first (so nothing points at a deleted object), then the original
   * and renditions. Deleting what is missing or not the user's does nothing, like a repeated delete.
   */
  public void delete(User user, String id) {
    deleteForGood(id, user.id(), a -> true);
  }

  /**
   * Deletes the asset's row, then its objects in whichever backend each is; only when it is {@code ownerId}'s
   * (null: anyone's) and {@code still} holds for the row as last read (a restore racing an empty trash wins).
   * A crash between the two leaves unreferenced objects, never a row without its bytes. Returns false when
   * there was nothing to delete.
   */
  boolean deleteForGood(String id, String ownerId, java.util.function.Predicate<Asset> still) {
    Asset asset;
    do { // the row may change between reading and deleting it (a migration moving an object): read it again
      asset = repository.findById(id).orElse(null);
      cache.invalidate(id);
      if (asset == null || (ownerId != null && !asset.ownerId().equals(ownerId)) || !still.test(asset)) {
        return false;
      }
    } while (!repository.deleteIfUnchanged(id, asset.version()));
    cache.invalidate(id);
    List<Location> locations = new ArrayList<>();
    locations.add(asset.originalLocation());
    asset.renditions().values().stream().map(StoredRendition::location).forEach(locations::add);
    for (Location location : locations) {
      try {
        storage.delete(location);
      } catch (RuntimeException e) {
        LOG.error("asset {} was deleted but {} could not be removed; delete it by hand", id, location, e);
      }
    }
    return true;
  }

  /** The trash, restore and the marks (favourite, rating, tags) of this service's assets. */
  public AssetMarking marking() {
    return marking;
  }

  void invalidate(String id) {
    cache.invalidate(id);
  }

  public long count() {
    return repository.count();
  }
}
