package dev.lightbox.server.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Assets in the trash are moved like every other (their bytes are still the owner's until the trash is
 * emptied), stay in the trash, and emptying the trash afterwards removes them from the new backend.
 */
class TrashedAssetsMigrationTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();
  static int buckets;

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void trashedAssetsAreMovedStayTrashedAndEmptyingRemovesThemFromTheTarget() {
      try (MigrationFixture f = new MigrationFixture(database, dir, s3,
          s3.createBucket("trash-" + database + "-" + ++buckets))) {
        List<Asset> assets = f.populate(4, 7);
        var marks = f.catalog.assets().marks();
        assertThat(marks.trash(f.owner.id(), assets.get(0).id(), Instant.now())).isTrue();
        assertThat(marks.trash(f.owner.id(), assets.get(1).id(), Instant.now())).isTrue();
        Map<String, String> diskBefore = f.storeContents(StorageBackend.DISK);

        MigrationReport report = MigratorTest.run(f.migrator(),
            MigrationRequest.to(StorageBackend.S3).concurrency(4).sourceGrace(Duration.ZERO).deleteSource(true).build());

        assertThat(report.state()).as("%s", report).isEqualTo("completed");
        assertThat(report.moved()).as("all 4 assets with both renditions").isEqualTo(12);
        assertThat(f.storeContents(StorageBackend.S3)).isEqualTo(diskBefore);
        f.assertConsistent(Map.of());
        assertThat(marks.trashedIds(f.owner.id())).containsExactlyInAnyOrder(assets.get(0).id(), assets.get(1).id());

        int deleted = new AssetService(f.catalog, new dev.lightbox.server.ingest.StoreIntents(f.catalog.jdbi(), "test", "test-run"), f.storage).marking().emptyTrash(f.owner);
        assertThat(deleted).isEqualTo(2);
        assertThat(f.storeContents(StorageBackend.S3)).hasSize(6);
        f.assertConsistent(Map.of());
      }
    }
  }
}
