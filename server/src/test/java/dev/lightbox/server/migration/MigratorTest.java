package dev.lightbox.server.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.ingest.StoreIntents;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The migration engine against a real disk store, S3Proxy, and SQLite or PostgreSQL. */
class MigratorTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();
  static int buckets;

  static MigrationRequest.Builder toS3() {
    return MigrationRequest.to(StorageBackend.S3).concurrency(8).sourceGrace(Duration.ZERO);
  }

  static MigrationReport run(Migrator m, MigrationRequest r) {
    try (PreparedRun run = m.prepare(r)) {
      return run.run(MigrationListener.NONE);
    }
  }

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    MigrationFixture f;
    Migrator migrator;

    @BeforeEach
    void open() {
      f = new MigrationFixture(database, dir, s3, s3.createBucket("migrate-" + database + "-" + ++buckets));
      migrator = f.migrator();
    }

    @AfterEach
    void close() {
      f.close();
    }

    @Test
    void movesEveryObjectVerifiedAndARerunDoesNothing() {
      f.populate(20, 1);
      Map<String, Location> before = f.catalogLocations();
      Map<String, String> diskBefore = f.storeContents(StorageBackend.DISK);
      MigrationEstimate estimate = migrator.estimate(toS3().build());
      assertThat(estimate.objects()).isEqualTo(60);
      assertThat(estimate.byKind().get(ObjectKind.ORIGINAL).objects()).isEqualTo(20);

      MigrationReport report = run(migrator, toS3().build());

      assertThat(report.state()).as("%s", report).isEqualTo("completed");
      assertThat(report.moved()).isEqualTo(60);
      assertThat(report.failed()).isZero();
      f.catalogLocations().forEach((ref, loc) -> {
        assertThat(loc.backend()).isEqualTo(StorageBackend.S3);
        assertThat(loc.key()).isEqualTo(before.get(ref).key());
      });
      f.assertConsistent(prefixed("disk:", diskBefore));
      assertThat(f.storeContents(StorageBackend.S3)).isEqualTo(diskBefore);

      try (PreparedRun again = migrator.prepare(toS3().build())) {
        assertThat(again.nothingToDo()).isTrue();
      }
      assertThat(migrator.status(5).getFirst().state()).isEqualTo("completed");
    }

    @Test
    void deletesSourcesOnlyAfterTheSwitch() {
      f.populate(10, 2);
      Map<String, String> diskBefore = f.storeContents(StorageBackend.DISK);
      MigrationReport report = run(migrator, toS3().deleteSource(true).build());
      assertThat(report.moved()).isEqualTo(30);
      assertThat(report.sourcesDeleted()).isEqualTo(30);
      f.assertConsistent(Map.of());
      assertThat(f.storeContents(StorageBackend.DISK)).isEmpty();
      assertThat(f.storeContents(StorageBackend.S3)).isEqualTo(diskBefore);
    }

    @Test
    void skipsVerifiedCopiesAlreadyThereAndReplacesWrongOnes() {
      List<Asset> assets = f.populate(6, 3);
      Asset good = assets.get(0);
      Asset bad = assets.get(1);
      byte[] original = f.read(good.originalLocation());
      f.put(new Location(StorageBackend.S3, good.originalLocation().key()), original, "image/jpeg");
      byte[] wrong = new byte[(int) bad.sizeBytes()];
      f.put(new Location(StorageBackend.S3, bad.originalLocation().key()), wrong, "image/jpeg");

      MigrationReport report = run(migrator, toS3().kinds(EnumSet.of(ObjectKind.ORIGINAL)).build());

      assertThat(report.skipped()).isEqualTo(1);
      assertThat(report.moved()).isEqualTo(5);
      f.assertConsistent(prefixed("disk:", f.storeContents(StorageBackend.DISK)));
    }

    @Test
    void aDeletedAssetIsNotResurrectedAndAnEditedRowIsNotOverwritten() {
      List<Asset> assets = f.populate(8, 4);
      Asset deleted = assets.get(2);
      Asset edited = assets.get(5);
      AssetService service = new AssetService(f.catalog, new StoreIntents(f.catalog.jdbi(), "test", "test-run"), f.storage);
      AtomicBoolean once = new AtomicBoolean();
      AtomicBoolean onceEdit = new AtomicBoolean();
      f.s3Store.afterPut(key -> {
        if (key.value().contains(deleted.id()) && once.compareAndSet(false, true)) {
          service.delete(f.owner, deleted.id());
        }
        if (key.value().contains(edited.id()) && onceEdit.compareAndSet(false, true)) {
          f.catalog.jdbi().useHandle(h -> h.execute("UPDATE assets SET ai_prompt = 'edited meanwhile',"
              + " version = version + 1 WHERE id = ?", edited.id()));
        }
      });

      MigrationReport report = run(migrator, toS3().deleteSource(true).build());

      assertThat(report.state()).as("%s", report).isEqualTo("completed");
      assertThat(report.leftAlone()).isBetween(1L, 3L);
      assertThat(f.catalog.assets().findById(deleted.id())).isEmpty();
      Asset after = f.catalog.assets().findById(edited.id()).orElseThrow();
      assertThat(after.aiPrompt()).isEqualTo("edited meanwhile");
      assertThat(after.originalLocation().backend()).isEqualTo(StorageBackend.S3);
      f.assertConsistent(Map.of());
    }

    @Test
    void anObjectMovedElsewhereMeanwhileIsLeftAloneAndItsCopyRemoved() {
      List<Asset> assets = f.populate(3, 5);
      Asset moved = assets.get(1);
      Location elsewhere = new Location(StorageBackend.DISK, dev.lightbox.storage.BlobKey.of("elsewhere/" + moved.id()));
      AtomicBoolean once = new AtomicBoolean();
      f.s3Store.afterPut(key -> {
        if (key.value().equals(moved.originalLocation().key().value()) && once.compareAndSet(false, true)) {
          byte[] bytes = f.read(moved.originalLocation());
          f.put(elsewhere, bytes, "image/jpeg");
          Asset now = f.catalog.assets().findById(moved.id()).orElseThrow();
          assertThat(f.catalog.assets().switchLocation(moved.id(), ObjectKind.ORIGINAL, now.version(), elsewhere))
              .isTrue();
          f.store(StorageBackend.DISK).delete(moved.originalLocation().key());
        }
      });

      MigrationReport report = run(migrator, toS3().kinds(EnumSet.of(ObjectKind.ORIGINAL)).build());

      assertThat(report.leftAlone()).isEqualTo(1);
      assertThat(f.catalog.assets().findById(moved.id()).orElseThrow().originalLocation()).isEqualTo(elsewhere);
      Map<String, String> keptSources = new TreeMap<>();
      f.storeContents(StorageBackend.DISK).forEach((k, v) -> keptSources.put("disk:" + k, v));
      f.assertConsistent(keptSources);
      assertThat(f.storeContents(StorageBackend.S3)).doesNotContainKey(moved.originalLocation().key().value());
    }

    @Test
    void aCorruptSourceFailsWithItsReasonAndStaysWhereItIs() {
      List<Asset> assets = f.populate(4, 6);
      Asset corrupt = assets.get(0);
      f.put(corrupt.originalLocation(), new byte[(int) corrupt.sizeBytes()], "image/jpeg");

      MigrationReport report = run(migrator, toS3().kinds(EnumSet.of(ObjectKind.ORIGINAL)).build());

      assertThat(report.state()).as("%s", report).isEqualTo("completed");
      assertThat(report.failed()).isEqualTo(1);
      assertThat(report.moved()).isEqualTo(3);
      assertThat(report.failures().getFirst().reason()).contains("does not hash to the catalog's SHA-256");
      assertThat(f.catalog.assets().findById(corrupt.id()).orElseThrow().originalLocation().backend())
          .isEqualTo(StorageBackend.DISK);
      assertThat(f.storeContents(StorageBackend.S3)).doesNotContainKey(corrupt.originalLocation().key().value());
      assertThat(migrator.failures(report.batchId(), 10)).hasSize(1);
    }

    @Test
    void rollbackRestoresTheStateBeforeByteForByte() {
      f.populate(12, 7);
      Map<String, Location> locationsBefore = f.catalogLocations();
      Map<String, String> diskBefore = f.storeContents(StorageBackend.DISK);

      MigrationReport migrated = run(migrator, toS3().deleteSource(true).build());
      assertThat(f.storeContents(StorageBackend.DISK)).isEmpty();

      MigrationReport rolledBack;
      try (PreparedRun rollback = migrator.prepareRollback(migrated.batchId(), 4, Duration.ZERO)) {
        assertThat(rollback.estimate().objects()).isEqualTo(36);
        rolledBack = rollback.run(MigrationListener.NONE);
      }

      assertThat(rolledBack.state()).as("%s", rolledBack).isEqualTo("completed");
      assertThat(rolledBack.moved()).isEqualTo(36);
      assertThat(f.catalogLocations()).isEqualTo(locationsBefore);
      assertThat(f.storeContents(StorageBackend.DISK)).isEqualTo(diskBefore);
      assertThat(f.storeContents(StorageBackend.S3)).isEmpty();
      List<BatchStatus> status = migrator.status(5);
      assertThat(status).extracting(BatchStatus::state).containsExactly("completed", "rolled_back");
      assertThatThrownBy(() -> migrator.prepareRollback(migrated.batchId(), 4, Duration.ZERO))
          .isInstanceOf(ServerException.class).hasMessageContaining("already rolled back");
    }

    @Test
    void rollbackOfAMigrationThatKeptItsSourcesOnlySwitchesBackAndRemovesTheCopies() {
      f.populate(5, 8);
      Map<String, String> diskBefore = f.storeContents(StorageBackend.DISK);
      MigrationReport migrated = run(migrator, toS3().build());
      MigrationReport rolledBack;
      try (PreparedRun rollback = migrator.prepareRollback(migrated.batchId(), 4, Duration.ZERO)) {
        rolledBack = rollback.run(MigrationListener.NONE);
      }
      assertThat(rolledBack.skipped()).isEqualTo(15);
      assertThat(rolledBack.sourcesDeleted()).isEqualTo(15);
      f.assertConsistent(Map.of());
      assertThat(f.storeContents(StorageBackend.DISK)).isEqualTo(diskBefore);
    }

    @Test
    void keptSourcesAreDeletedOnceTheirAssetIsGoneOrWhenALaterRunAsksToDeleteSources() {
      List<Asset> assets = f.populate(4, 10);
      run(migrator, toS3().build());
      new AssetService(f.catalog, new StoreIntents(f.catalog.jdbi(), "test", "test-run"), f.storage).delete(f.owner, assets.get(0).id());
      assertThat(f.storeContents(StorageBackend.DISK)).hasSize(12);

      MigrationReport again = run(migrator, toS3().build());
      assertThat(again.batchId()).isNull();
      assertThat(again.sourcesDeleted()).isEqualTo(3);
      Map<String, String> kept = prefixed("disk:", f.storeContents(StorageBackend.DISK));
      assertThat(kept).hasSize(9);
      f.assertConsistent(kept);

      MigrationReport cleanup = run(migrator, toS3().deleteSource(true).build());
      assertThat(cleanup.sourcesDeleted()).isEqualTo(9);
      assertThat(f.storeContents(StorageBackend.DISK)).isEmpty();
      f.assertConsistent(Map.of());
    }

    @Test
    void aSourceKeptByTwoBatchesIsDeletedAndCountedOnce() {
      f.populate(3, 11);
      MigrationReport first = run(migrator, toS3().build());
      try (PreparedRun rollback = migrator.prepareRollback(first.batchId(), 4, Duration.ZERO)) {
        rollback.run(MigrationListener.NONE);
      }
      run(migrator, toS3().build());
      MigrationReport cleanup = run(migrator, toS3().deleteSource(true).build());
      assertThat(cleanup.sourcesDeleted()).isEqualTo(9);
      assertThat(f.storeContents(StorageBackend.DISK)).isEmpty();
      f.assertConsistent(Map.of());
    }

    @Test
    void onlyOneMigrationRunsAtATime() {
      f.populate(2, 9);
      try (PreparedRun first = migrator.prepare(toS3().build())) {
        assertThat(first.batchId()).isNotNull();
        assertThatThrownBy(() -> migrator.prepare(toS3().build())).isInstanceOf(ServerException.class)
            .hasMessageContaining("another migration is running");
      }
      try (PreparedRun unfinished = migrator.prepare(toS3().build())) {
        assertThat(unfinished.resumed()).isTrue();
      }
      assertThatThrownBy(() -> migrator.prepare(toS3().kinds(EnumSet.of(ObjectKind.ORIGINAL)).build()))
          .isInstanceOf(ServerException.class).hasMessageContaining("is unfinished");
    }

    static Map<String, String> prefixed(String prefix, Map<String, String> m) {
      Map<String, String> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(prefix + k, v));
      return out;
    }
  }
}
