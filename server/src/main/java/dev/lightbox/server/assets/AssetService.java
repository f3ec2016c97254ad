package dev.lightbox.server.assets;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.ingest.StoreIntents;
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
  private final Catalog catalog;
  private final AssetRepository repository;
  private final StoreIntents intents;
  private final LibraryStorage storage;
  private final BoundedCache<String, Asset> cache = BoundedCache.entries(50_000, Duration.ofSeconds(10));

  private final AssetMarking marking;

  public AssetService(Catalog catalog, StoreIntents intents, LibraryStorage storage) {
    this(catalog, intents, storage, java.time.Clock.systemUTC());
  }

  /** With {@code clock} for the trash's times. */
  public AssetService(Catalog catalog, StoreIntents intents, LibraryStorage storage, java.time.Clock clock) {
    this.catalog = catalog;
    this.repository = catalog.assets();
    this.intents = intents;
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
   * Deletes the user's asset for good: the row first (so nothing points at a deleted object), then the original,
   * renditions and sidecars. Deleting what is missing or not the user's does nothing, like a repeated delete.
   * The row goes in one transaction with an intent per object ({@link StoreIntents}), so that objects a kill
   * or a store failure leaves behind are removed by the sweep of leftover intents.
   */
  public void delete(User user, String id) {
    deleteForGood(id, user.id(), a -> true);
  }

  /**
   * Deletes the asset's row, then its objects in whichever backend each is; only when it is {@code ownerId}'s
   * (null: anyone's) and {@code still} holds for the row as last read (a restore racing an empty trash wins).
   * A crash between the two leaves intents that the sweep finishes, never a row without its bytes. Returns false when
   * there was nothing to delete.
   */
  boolean deleteForGood(String id, String ownerId, java.util.function.Predicate<Asset> still) {
    Asset asset;
    List<Location> locations = new ArrayList<>();
    do { // the row may change between reading and deleting it (a migration moving an object): read it again
      asset = repository.findById(id).orElse(null);
      cache.invalidate(id);
      if (asset == null || (ownerId != null && !asset.ownerId().equals(ownerId)) || !still.test(asset)) {
        return false;
      }
      locations.clear();
      locations.add(asset.originalLocation());
      asset.renditions().values().stream().map(StoredRendition::location).forEach(locations::add);
      // attaching a sidecar bumps the version: the delete below sees a newer one
      repository.sidecars().of(id).stream().map(Sidecar::location).forEach(locations::add);
    } while (!deleteRow(asset, locations));
    cache.invalidate(id);
    for (Location location : locations) {
      try {
        storage.delete(location);
        intents.forget(location);
      } catch (RuntimeException e) {
        LOG.warn("asset {} was deleted but {} could not be removed now; the sweep of leftover intents retries: {}",
            id, location, e.getMessage());
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

  /** The sidecars of the user's asset (404 when it is missing or someone else's). */
  public List<Sidecar> sidecars(User user, String id) {
    get(user, id, false); // the ownership check; the rows themselves are read fresh
    return repository.sidecars().of(id);
  }

  private boolean deleteRow(Asset asset, List<Location> locations) {
    return catalog.inTransaction(h -> {
      if (!repository.on(h).deleteIfUnchanged(asset.id(), asset.version())) {
        return false;
      }
      StoreIntents journal = intents.on(h);
      locations.forEach(location -> journal.record(location, asset.id(), "delete"));
      return true;
    });
  }

  public long count() {
    return repository.count();
  }
}
