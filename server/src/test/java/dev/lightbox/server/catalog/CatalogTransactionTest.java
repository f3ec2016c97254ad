package dev.lightbox.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.server.accounts.ApiKey;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.ObjectTotals;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Repositories joined to a caller's transaction, and the object-level view the migration uses. */
class CatalogTransactionTest {
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
    void joinedRepositoriesCommitAndRollBackWithTheCallersTransaction() {
      assertThatThrownBy(() -> catalog.useTransaction(h -> {
        catalog.assets().on(h).insert(asset("a1", "1"));
        catalog.sessions().on(h).insert("token", owner.id(), Instant.now(), Instant.now().plusSeconds(60));
        assertThat(catalog.assets().on(h).findById("a1")).as("visible inside the transaction").isPresent();
        throw new IllegalStateException("the caller gives up");
      })).hasMessage("the caller gives up");
      assertThat(catalog.assets().findById("a1")).isEmpty();
      assertThat(catalog.sessions().findLive("token", Instant.now())).isEmpty();

      catalog.useTransaction(h -> {
        catalog.assets().on(h).insert(asset("a1", "1"));
        catalog.apiKeys().on(h).insert(new ApiKey("k1", owner.id(), "laptop", Instant.now()), "keyhash");
      });
      assertThat(catalog.assets().findById("a1")).isPresent();
      assertThat(catalog.apiKeys().findByHash("keyhash").map(ApiKey::userId)).contains(owner.id());
    }

    @Test
    void aRefusedSwitchInTheCallersTransactionUndoesOnlyItself() {
      catalog.assets().insert(asset("a1", "1"));
      long version = catalog.assets().findById("a1").orElseThrow().version();
      Location wrongFrom = Location.parse("disk:thumbs/elsewhere.webp");
      Location newThumb = Location.parse("disk:thumbs/a1.webp");
      catalog.useTransaction(h -> {
        catalog.assets().on(h).insert(asset("a2", "2"));
        ObjectRepository objects = catalog.objects().on(h);
        // The version matches, so the row is bumped before the rendition is found elsewhere: that bump is undone.
        assertThat(objects.switchLocation("a1", ObjectKind.THUMBNAIL, version, wrongFrom, newThumb)).isFalse();
        assertThat(objects.switchLocation("a1", ObjectKind.ORIGINAL, version + 1, null, newThumb)).isFalse();
        assertThat(catalog.assets().on(h).deleteIfUnchanged("a1", version + 1)).isFalse();
      });
      Asset a1 = catalog.assets().findById("a1").orElseThrow();
      assertThat(a1.version()).isEqualTo(version);
      assertThat(a1.renditions().get(RenditionKind.THUMBNAIL).location().toString()).isEqualTo("s3:thumbs/a1.webp");
      assertThat(catalog.assets().findById("a2")).as("the caller's own write stays").isPresent();

      Location thumbNow = a1.renditions().get(RenditionKind.THUMBNAIL).location();
      catalog.useTransaction(h -> assertThat(catalog.objects().on(h)
          .switchLocation("a1", ObjectKind.THUMBNAIL, version, thumbNow, newThumb)).isTrue());
      StoredObject moved = catalog.objects().find("a1", ObjectKind.THUMBNAIL).orElseThrow();
      assertThat(moved.location()).isEqualTo(newThumb);
      assertThat(moved.version()).isEqualTo(version + 1);
    }

    @Test
    void switchesAnOriginalOnlyFromWhereItIs() {
      catalog.assets().insert(asset("a1", "1"));
      long version = catalog.assets().findById("a1").orElseThrow().version();
      Location s3 = Location.parse("s3:library/x/a1.png");
      assertThat(catalog.objects().switchLocation("a1", ObjectKind.ORIGINAL, version, s3, s3)).isFalse();
      assertThat(catalog.objects().switchLocation("a1", ObjectKind.ORIGINAL, version,
          Location.parse("disk:library/x/a1.png"), s3)).isTrue();
      assertThat(catalog.objects().find("a1", ObjectKind.ORIGINAL).orElseThrow().location()).isEqualTo(s3);
    }

    @Test
    void readsObjectsByAssetByBackendAndInTotal() {
      catalog.assets().insert(asset("a1", "1"));
      catalog.assets().insert(asset("a2", "2"));
      catalog.assets().insert(asset("a3", "3"));

      Map<String, StoredObject> found = catalog.objects().find(List.of("a1", "a2", "gone"));
      assertThat(found).containsOnlyKeys("a1/original", "a1/thumbnail", "a2/original", "a2/thumbnail");
      StoredObject thumb = found.get("a1/thumbnail");
      assertThat(thumb).isEqualTo(new StoredObject("a1", ObjectKind.THUMBNAIL, 1, Location.parse("s3:thumbs/a1.webp"),
          "f".repeat(64), 1234, "image/webp"));
      assertThat(catalog.objects().find("gone", ObjectKind.ORIGINAL)).isEmpty();
      assertThat(catalog.assets().existingIds(List.of("a1", "gone", "a3"))).isEqualTo(Set.of("a1", "a3"));

      assertThat(catalog.objects().pageIn(StorageBackend.DISK, ObjectKind.ORIGINAL, null, 2))
          .extracting(StoredObject::assetId).containsExactly("a1", "a2");
      assertThat(catalog.objects().pageIn(StorageBackend.DISK, ObjectKind.ORIGINAL, "a2", 2))
          .extracting(StoredObject::assetId).containsExactly("a3");
      assertThat(catalog.objects().pageIn(StorageBackend.S3, ObjectKind.THUMBNAIL, "a1", 5))
          .extracting(StoredObject::ref).containsExactly("a2/thumbnail", "a3/thumbnail");
      assertThat(catalog.objects().pageIn(StorageBackend.S3, ObjectKind.ORIGINAL, null, 5)).isEmpty();

      assertThat(catalog.objects().totalsIn(StorageBackend.S3, EnumSet.allOf(ObjectKind.class))).isEqualTo(Map.of(
          ObjectKind.ORIGINAL, ObjectTotals.NONE, ObjectKind.THUMBNAIL, new ObjectTotals(3, 3 * 1234),
          ObjectKind.PREVIEW, ObjectTotals.NONE));
      assertThat(catalog.objects().totalsIn(StorageBackend.DISK, EnumSet.of(ObjectKind.ORIGINAL)))
          .isEqualTo(Map.of(ObjectKind.ORIGINAL, new ObjectTotals(3, 3 * 42)));
    }

    private Asset asset(String id, String shaDigit) {
      StoredRendition thumb = new StoredRendition(RenditionKind.THUMBNAIL, Location.parse("s3:thumbs/" + id + ".webp"),
          "image/webp", 250, 200, 1234, "f".repeat(64));
      return new Asset(id, owner.id(), shaDigit.repeat(64), 42, "image/png", id + ".png",
          Location.parse("disk:library/x/" + id + ".png"), 640, 480, null, Instant.ofEpochMilli(1_000), 1, null, "{}",
          Instant.now(), Instant.now(), 1, Map.of(RenditionKind.THUMBNAIL, thumb));
    }
  }
}
