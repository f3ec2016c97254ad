package dev.lightbox.server.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The journal plans a batch from what the catalog's repositories read in the planning transaction. */
class JournalTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    Catalog catalog;
    User owner;

    @BeforeEach
    void open() {
      catalog = Catalog.open(TestDatabases.newDatabase(database, dir), null, null);
      owner = new User(UUID.randomUUID().toString(), "a@example.com", "A", "hash", false, Instant.now());
      catalog.users().insert(owner);
    }

    @AfterEach
    void close() {
      catalog.close();
    }

    @Test
    void plansEveryObjectOfTheSourceAcrossCatalogPagesInterleavingTheKinds() {
      for (int i = 1; i <= 5; i++) {
        catalog.assets().insert(asset("a" + i, i, i == 3 ? "s3" : "disk"));
      }
      Journal journal = new Journal(catalog, 2);

      BatchRow batch = journal.createMigration("b1", StorageBackend.DISK, StorageBackend.S3,
          EnumSet.of(ObjectKind.ORIGINAL, ObjectKind.THUMBNAIL), false);

      assertThat(batch.plannedObjects()).isEqualTo(9);
      assertThat(batch.plannedBytes()).isEqualTo(4 * 100 + 5 * 10);
      List<ItemRow> items = journal.items().page("b1", ItemRow.PENDING, 0, 100);
      assertThat(items).extracting(i -> i.seq() + " " + i.ref()).containsExactly(
          "4 a1/original", "5 a1/thumbnail", "8 a2/original", "9 a2/thumbnail", "12 a4/original", "13 a3/thumbnail",
          "16 a5/original", "17 a4/thumbnail", "21 a5/thumbnail");
      ItemRow first = items.getFirst();
      assertThat(first.source()).isEqualTo(Location.parse("disk:library/a1.png"));
      assertThat(first.target()).isEqualTo(Location.parse("s3:library/a1.png"));
      assertThat(first.sizeBytes()).isEqualTo(100);
      assertThat(journal.items().pendingTotals("b1")).containsEntry(ObjectKind.THUMBNAIL,
          new Totals(5, 50));
      assertThat(journal.catalogTotals(StorageBackend.DISK, EnumSet.allOf(ObjectKind.class)))
          .containsEntry(ObjectKind.ORIGINAL, new Totals(4, 400))
          .containsEntry(ObjectKind.PREVIEW, Totals.NONE);
    }

    private Asset asset(String id, int n, String originalBackend) {
      StoredRendition thumb = new StoredRendition(RenditionKind.THUMBNAIL, Location.parse("disk:thumbs/" + id + ".webp"),
          "image/webp", 250, 200, 10, "f".repeat(64));
      return new Asset(id, owner.id(), String.valueOf(n).repeat(64), 100, "image/png", id + ".png",
          Location.parse(originalBackend + ":library/" + id + ".png"), 640, 480, null, Instant.ofEpochMilli(1_000), 1,
          null, "{}", Instant.now(), Instant.now(), 1, Map.of(RenditionKind.THUMBNAIL, thumb));
    }
  }
}
