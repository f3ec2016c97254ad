package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.disk.DiskBlobStore;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.testkit.FaultyTcpProxy;
import dev.lightbox.storage.testkit.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lightbox migrate}, {@code status} and {@code rollback} in this JVM against S3Proxy and SQLite. */
class MigrateCommandTest {
  static S3ProxyServer s3;
  static int buckets;
  @TempDir
  Path dir;

  @BeforeAll
  static void startS3() {
    s3 = S3ProxyServer.start();
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  TestLibrary library() {
    return new TestLibrary(dir, s3.endpoint(), s3.info().region(), s3.info().accessKey(), s3.info().secretKey(),
        s3.createBucket("cli-" + ++buckets));
  }

  @Test
  void dryRunEstimatesThenMigrationMovesEverythingAndARerunDoesNothing() {
    TestLibrary lib = library();
    lib.populate(25, 5_000, 1);
    Map<String, String> before = lib.storedObjects();

    CommandRun dry = CommandRun.of(lib.args("migrate", "--to", "s3", "--dry-run"));
    assertThat(dry.exit()).as("%s", dry).isZero();
    assertThat(dry.out()).contains("original", "thumbnail", "preview", "total", "75", "Nothing was copied");
    assertThat(lib.storedObjects()).isEqualTo(before);

    CommandRun run = CommandRun.of(lib.args("migrate", "--to", "s3", "--kinds", "originals,thumbnails,previews",
        "--concurrency", "4"));
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("Batch ", "total", "75", "completed", "75 moved", "0 failed");
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(lib.objectsIn("s3")).isEqualTo(75);
    Map<String, String> expected = new TreeMap<>(lib.catalogObjects());
    before.forEach(expected::put);
    assertThat(lib.storedObjects()).isEqualTo(expected);

    CommandRun again = CommandRun.of(lib.args("migrate", "--to", "s3"));
    assertThat(again.exit()).as("%s", again).isZero();
    assertThat(again.out()).contains("Nothing to migrate");

    CommandRun status = CommandRun.of(lib.args("migrate", "status"));
    assertThat(status.exit()).as("%s", status).isZero();
    assertThat(status.out()).contains("disk -> s3", "completed", "s3       original");
  }

  @Test
  void aMigrationEndsBySweepingDayOldLeftoversOfKilledUploadsFromItsTarget() throws Exception {
    TestLibrary lib = library();
    lib.populate(3, 5_000, 4);
    Path bucketDir = s3.dataDir().resolve(lib.settings.get("LIGHTBOX_S3_BUCKET"));
    Path killed = Files.write(Files.createDirectories(bucketDir.resolve(".lightbox-tmp")).resolve("killed"),
        new byte[70]);
    Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    CommandRun run = CommandRun.of(lib.args("migrate", "--to", "s3"));

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("9 moved", "Swept leftovers of interrupted uploads in s3: removed 1 temporary item"
        + " (70 bytes)");
    assertThat(killed).doesNotExist();
    assertThat(lib.objectsIn("s3")).isEqualTo(9);
  }

  @Test
  void rollbackRestoresTheLibraryByteForByte() {
    TestLibrary lib = library();
    lib.populate(15, 5_000, 2);
    Map<String, String> catalogBefore = lib.catalogObjects();
    Map<String, String> storedBefore = lib.storedObjects();

    CommandRun run = CommandRun.of(lib.args("migrate", "--to", "s3", "--delete-source", "--source-grace", "0"));
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(lib.stored("disk:")).isEmpty();
    lib.assertCatalogAndStorageAgree();
    String batch = run.out().replaceAll("(?s).*Batch (\\S+): migrating.*", "$1");

    CommandRun rollback = CommandRun.of(lib.args("migrate", "rollback", batch, "--source-grace", "0"));
    assertThat(rollback.exit()).as("%s", rollback).isZero();
    assertThat(rollback.out()).contains("rolling back", "45 moved");
    assertThat(lib.catalogObjects()).isEqualTo(catalogBefore);
    assertThat(lib.storedObjects()).isEqualTo(storedBefore);

    CommandRun status = CommandRun.of(lib.args("migrate", "status"));
    assertThat(status.out()).contains("rolled_back", "rolls back " + batch);
    CommandRun twice = CommandRun.of(lib.args("migrate", "rollback", batch));
    assertThat(twice.exit()).as("a rerun after the rollback finished has nothing to do").isZero();
    assertThat(twice.out()).contains("already rolled back", "nothing to do");
    assertThat(lib.catalogObjects()).isEqualTo(catalogBefore);
  }

  @Test
  void aBucketThatBecomesUnreachableHalfwayStopsTheRunWhichALaterRunCompletes() {
    try (FaultyTcpProxy proxy = FaultyTcpProxy.to(s3.endpoint())) {
      TestLibrary lib = new TestLibrary(dir, proxy.endpoint(s3.endpoint()), s3.info().region(), s3.info().accessKey(),
          s3.info().secretKey(), s3.createBucket("cli-" + ++buckets));
      lib.populate(60, 20_000, 3);
      proxy.cutAfter(600_000, Duration.ofHours(1));

      CommandRun failed = CommandRun.of(lib.args("migrate", "--to", "s3", "--concurrency", "4",
          "--delete-source", "--source-grace", "0"));

      assertThat(failed.exit()).as("%s", failed).isEqualTo(MigrationRunner.STOPPED);
      assertThat(failed.err()).contains("stopped", "run the same command again").doesNotContain("\tat ");
      assertThat(failed.out()).contains("failed");
      assertThat(lib.objectsIn("s3")).isPositive().isLessThan(180);
      CommandRun status = CommandRun.of(lib.args("migrate", "status"));
      assertThat(status.out()).contains("stopped", "resume with: lightbox migrate --to s3");

      proxy.outage(Duration.ZERO); // the bucket is back
      lib.assertCatalogAndStorageAgreeExceptStrayCopiesIn("s3:");
      CommandRun resumed = CommandRun.of(lib.args("migrate", "--to", "s3", "--concurrency", "4",
          "--delete-source", "--source-grace", "0"));
      assertThat(resumed.exit()).as("%s", resumed).isZero();
      assertThat(resumed.out()).contains("Resuming batch");
      assertThat(lib.objectsIn("s3")).isEqualTo(180);
      lib.assertCatalogAndStorageAgree();
    }
  }

  @Test
  void badUsageAndMissingSettingsAreExplained() {
    TestLibrary lib = library();
    CommandRun noTarget = CommandRun.of(lib.args("migrate"));
    assertThat(noTarget.exit()).isEqualTo(2);
    assertThat(noTarget.err()).contains("Missing --to");
    CommandRun badKind = CommandRun.of(lib.args("migrate", "--to", "s3", "--kinds", "videos"));
    assertThat(badKind.exit()).isEqualTo(2);
    assertThat(badKind.err()).contains("unknown kind 'videos'");
    CommandRun unknownBatch = CommandRun.of(lib.args("migrate", "rollback", "nope"));
    assertThat(unknownBatch.exit()).isEqualTo(2);
    assertThat(unknownBatch.err()).contains("migration batch nope", "migrate status");
    lib.settings.remove("LIGHTBOX_S3_BUCKET");
    lib.writeConfig();
    CommandRun noBucket = CommandRun.of(lib.args("migrate", "--to", "s3"));
    assertThat(noBucket.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(noBucket.err()).contains("LIGHTBOX_S3_BUCKET");
    CommandRun help = CommandRun.of(java.util.List.of("migrate", "--help"));
    assertThat(help.out()).contains("--delete-source", "--kinds", "Exit codes", "69", "status", "rollback");
  }

  /** Originals of libraries in place are not the server's: migrate moves their renditions, never them. */
  @Test
  void migrationLeavesOriginalsOfLibrariesInPlaceAlone() throws Exception {
    TestLibrary lib = library();
    lib.populate(2, 2_000, 7);
    Path folder = Files.createDirectories(dir.resolve("library-in-place"));
    Files.writeString(folder.resolve("kept.png"), "library bytes");
    String assetId = UUID.randomUUID().toString();
    Location original = Location.inLibrary("lib-1", BlobKey.of("kept.png"));
    try (Catalog catalog = Catalog.open(lib.config.dbUrl(), null, null);
        DiskBlobStore disk = DiskBlobStore.open(lib.config.diskRoot())) {
      String owner = catalog.assets().pageById(null, 1).getFirst().ownerId();
      byte[] thumb = "thumbnail of kept.png".getBytes();
      Location thumbLocation = new Location(StorageBackend.DISK, BlobKey.of("renditions/kept.webp"));
      disk.put(thumbLocation.key(), new ByteArrayInputStream(thumb), thumb.length, PutOptions.builder().build());
      Instant now = Instant.now();
      catalog.assets().insert(new Asset(assetId, owner, "ab".repeat(32), 13, "image/png", "kept.png", original, 1,
          1, null, now, 1, null, "{}", now, now, 1, Map.of(RenditionKind.THUMBNAIL, new StoredRendition(
              RenditionKind.THUMBNAIL, thumbLocation, "image/webp", 1, 1, thumb.length, Sha256.hex(thumb)))));
    }
    CommandRun run = CommandRun.of(lib.args("migrate", "--to", "s3", "--delete-source"));
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("7 moved", "0 failed");
    assertThat(lib.catalogObjects()).containsKey(original.toString())
        .containsKey("s3:renditions/kept.webp");
    assertThat(Files.readString(folder.resolve("kept.png"))).isEqualTo("library bytes");
  }
}
