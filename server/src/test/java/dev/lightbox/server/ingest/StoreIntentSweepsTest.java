package dev.lightbox.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.ForwardingBlobStore;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.disk.DiskBlobStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The journal of objects about to be stored and the sweep of leftovers, on a real catalog and disk store. */
class StoreIntentSweepsTest {
  @Nested
  @OnEachDatabase
  class Sweep {
    @Parameter
    String database;
    @TempDir
    Path dir;
    Catalog catalog;
    LibraryStorage storage;
    User owner;

    @BeforeEach
    void open() {
      catalog = Catalog.open(TestDatabases.newDatabase(database, dir), null, null);
      storage = new LibraryStorage(Map.of(StorageBackend.DISK, DiskBlobStore.open(dir.resolve("storage"))),
          StorageBackend.DISK);
      owner = new User(UUID.randomUUID().toString(), "a@example.com", "A", "hash", false, Instant.now());
      catalog.users().insert(owner);
    }

    @AfterEach
    void close() {
      storage.close();
      catalog.close();
    }

    @Test
    void anEarlierRunsLeftoversAreRemovedAtOnceAndAnotherServersOnlyAfterTheGrace() {
      StoreIntents earlier = intents("me", "boot-1");
      StoreIntents other = intents("other", "boot-x");
      Location mine = put("library/mine.jpg");
      earlier.record(mine, "a1", "original");
      Location never = storage.newLocation("library/never-stored.jpg"); // killed between the intent and the put
      earlier.record(never, "a2", "original");
      Location theirs = put("library/theirs.jpg");
      other.record(theirs, "a3", "original");

      StoreIntents now = intents("me", "boot-2");
      StoreIntentSweeps.Result result = sweeps(now, Duration.ofHours(1)).sweepOnce();
      assertThat(result).isEqualTo(new StoreIntentSweeps.Result(0, 2, 0));
      assertThat(exists(mine)).isFalse();
      assertThat(exists(theirs)).as("another server's upload may still be running").isTrue();
      assertThat(now.count()).isEqualTo(1);

      assertThat(sweeps(now, Duration.ZERO).sweepOnce()).isEqualTo(new StoreIntentSweeps.Result(0, 1, 0));
      assertThat(exists(theirs)).isFalse();
      assertThat(now.count()).isZero();
    }

    @Test
    void anObjectTheCatalogReferencesIsKeptAndOnlyItsIntentDropped() {
      StoreIntents earlier = intents("me", "boot-1");
      Location original = put("library/kept.jpg");
      earlier.record(original, "kept", "original");
      catalog.assets().insert(asset("kept", original)); // committed, then killed before the intent went

      StoreIntentSweeps.Result result = sweeps(intents("me", "boot-2"), Duration.ofHours(1)).sweepOnce();
      assertThat(result).isEqualTo(new StoreIntentSweeps.Result(1, 0, 0));
      assertThat(exists(original)).isTrue();
      assertThat(earlier.count()).isZero();
    }

    @Test
    void anUploadWhoseIntentASweepClaimedCannotCommit() {
      StoreIntents running = intents("other", "boot-x");
      Location original = put("library/slow.jpg");
      running.record(original, "slow", "original");
      assertThat(running.claim(original)).isTrue(); // a sweep took it for a leftover

      boolean committed = catalog.inTransaction(h -> {
        if (!running.on(h).release(List.of(original))) {
          h.rollback();
          return false;
        }
        catalog.assets().on(h).insert(asset("slow", original));
        return true;
      });
      assertThat(committed).isFalse();
      assertThat(catalog.assets().findById("slow")).isEmpty();
      assertThat(running.count()).as("the sweep still resolves it").isEqualTo(1);

      Location other = put("library/fast.jpg");
      running.record(other, "fast", "original");
      boolean released = catalog.inTransaction(h -> running.on(h).release(List.of(other)));
      assertThat(released).isTrue();
      assertThat(running.count()).isEqualTo(1);
    }

    @Test
    void aDeletedAssetsObjectThatCouldNotBeRemovedIsRemovedByTheSweep() {
      AtomicBoolean storeDown = new AtomicBoolean(true);
      BlobStore disk = storage.store(StorageBackend.DISK);
      try (LibraryStorage flaky = new LibraryStorage(Map.of(StorageBackend.DISK, new ForwardingBlobStore(disk) {
        @Override
        public void delete(BlobKey key) {
          if (storeDown.get()) {
            throw StorageException.of(StorageException.Kind.UNAVAILABLE, "delete", "test", key.value(), "down");
          }
          super.delete(key);
        }

        @Override
        public void close() {
          // the test's storage closes the disk store
        }
      }), StorageBackend.DISK)) {
        Location original = put("library/deleted.jpg");
        catalog.assets().insert(asset("deleted", original));
        StoreIntents now = intents("me", "boot-1");
        new AssetService(catalog, now, flaky).delete(owner, "deleted");
        assertThat(catalog.assets().findById("deleted")).isEmpty();
        assertThat(exists(original)).as("the store was down").isTrue();
        assertThat(now.count()).isEqualTo(1);

        storeDown.set(false);
        StoreIntentSweeps sweeps = new StoreIntentSweeps(intents("me", "boot-2"), catalog.objects(), flaky,
            Duration.ofHours(1), Duration.ofHours(1));
        assertThat(sweeps.sweepOnce()).isEqualTo(new StoreIntentSweeps.Result(0, 1, 0));
        assertThat(exists(original)).isFalse();
        assertThat(now.count()).isZero();
      }
    }

    @Test
    void theInstanceIdIsCreatedOnceAndKept() throws Exception {
      Path data = Files.createDirectories(dir.resolve("data"));
      String id = StoreIntents.instanceId(data);
      assertThat(id).isNotBlank().isEqualTo(StoreIntents.instanceId(data));
      assertThat(Files.readString(data.resolve(StoreIntents.INSTANCE_FILE)).strip()).isEqualTo(id);
    }

    private StoreIntents intents(String instance, String boot) {
      return new StoreIntents(catalog.jdbi(), instance, boot);
    }

    private StoreIntentSweeps sweeps(StoreIntents intents, Duration grace) {
      return new StoreIntentSweeps(intents, catalog.objects(), storage, grace, Duration.ofHours(1));
    }

    private Location put(String key) {
      Location location = storage.newLocation(key);
      byte[] bytes = key.getBytes();
      storage.store(location.backend()).put(location.key(), new ByteArrayInputStream(bytes), bytes.length,
          PutOptions.builder().contentType("image/jpeg").build());
      return location;
    }

    private boolean exists(Location location) {
      return storage.store(location.backend()).exists(location.key());
    }

    private Asset asset(String id, Location original) {
      return new Asset(id, owner.id(), id.repeat(64).substring(0, 64), 42, "image/jpeg", id + ".jpg", original, 640,
          480, null, Instant.ofEpochMilli(1_000), 1, null, "{}", Instant.now(), Instant.now(), 1, Map.of());
    }
  }
}
