package dev.lightbox.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetQuery;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

class CatalogTest {
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
    void insertsAndFindsAnAssetWithRenditions() {
      Asset a = asset("a1", "1".repeat(64), 1_000);
      catalog.assets().insert(a);
      Asset found = catalog.assets().findById("a1").orElseThrow();
      assertThat(found.originalLocation()).isEqualTo(Location.parse("disk:library/x/a1.png"));
      assertThat(found.renditions()).containsKey(RenditionKind.THUMBNAIL);
      assertThat(found.renditions().get(RenditionKind.THUMBNAIL).location().toString()).isEqualTo("s3:thumbs/a1.webp");
      assertThat(catalog.assets().findByOwnerAndSha256(owner.id(), "1".repeat(64))).isPresent();
      assertThat(catalog.assets().countObjectsByBackend()).containsEntry("disk", 1L).containsEntry("s3", 1L);
    }

    @Test
    void refusesASecondRowWithTheSameOwnerAndHash() {
      catalog.assets().insert(asset("a1", "2".repeat(64), 1_000));
      assertThatThrownBy(() -> catalog.assets().insert(asset("a2", "2".repeat(64), 2_000)))
          .isInstanceOf(RuntimeException.class);
      assertThat(catalog.assets().findById("a2")).isEmpty();
    }

    @Test
    void switchesALocationOnlyWhenTheRowDidNotChange() {
      catalog.assets().insert(asset("a1", "3".repeat(64), 1_000));
      Asset read = catalog.assets().findById("a1").orElseThrow();
      Location target = Location.parse("s3:library/x/a1.png");
      assertThat(catalog.assets().switchLocation("a1", ObjectKind.ORIGINAL, read.version(), target)).isTrue();
      assertThat(catalog.assets().switchLocation("a1", ObjectKind.THUMBNAIL, read.version(), target)).isFalse();
      Asset now = catalog.assets().findById("a1").orElseThrow();
      assertThat(now.originalLocation()).isEqualTo(target);
      assertThat(now.version()).isEqualTo(read.version() + 1);
      Location thumb = Location.parse("disk:thumbs/a1.webp");
      assertThat(catalog.assets().switchLocation("a1", ObjectKind.THUMBNAIL, now.version(), thumb)).isTrue();
      assertThat(catalog.assets().findById("a1").orElseThrow().renditions().get(RenditionKind.THUMBNAIL).location())
          .isEqualTo(thumb);
      catalog.assets().delete("a1");
      assertThat(catalog.assets().switchLocation("a1", ObjectKind.ORIGINAL, now.version() + 1, target)).isFalse();
    }

    @Test
    void listsNewestFirstWithFiltersAndCursor() {
      catalog.assets().insert(asset("a1", "4".repeat(64), 1_000));
      catalog.assets().insert(asset("a2", "5".repeat(64), 2_000));
      catalog.assets().insert(asset("a3", "6".repeat(64), 3_000));
      var page1 = catalog.assets().list(new AssetQuery(owner.id(), null, null, null, null, null, 2));
      assertThat(page1).extracting(Asset::id).containsExactly("a3", "a2");
      var last = page1.getLast();
      var page2 = catalog.assets().list(new AssetQuery(owner.id(), null, null, null, null,
          new AssetQuery.Cursor(last.takenAt().toEpochMilli(), last.id()), 2));
      assertThat(page2).extracting(Asset::id).containsExactly("a1");
      assertThat(catalog.assets().list(new AssetQuery(owner.id(), Instant.ofEpochMilli(1_500),
          Instant.ofEpochMilli(3_000), "image", "CAT_100%", null, 10))).extracting(Asset::id).containsExactly("a2");
      assertThat(catalog.assets().list(new AssetQuery(owner.id(), null, null, "video", null, null, 10))).isEmpty();
    assertThat(catalog.assets().pageById(null, 2)).extracting(Asset::id).containsExactly("a1", "a2");
    assertThat(catalog.assets().pageById("a2", 2)).extracting(Asset::id).containsExactly("a3");
    }

    private Asset asset(String id, String sha, long takenAt) {
      StoredRendition thumb = new StoredRendition(RenditionKind.THUMBNAIL, Location.parse("s3:thumbs/" + id + ".webp"),
          "image/webp", 250, 200, 1234, "f".repeat(64));
      String prompt = takenAt == 2_000 ? "a cat_100% fluffy" : "a cat 1000 fluffy";
      return new Asset(id, owner.id(), sha, 42, "image/png", id + ".png", Location.parse("disk:library/x/" + id + ".png"),
          640, 480, null, Instant.ofEpochMilli(takenAt), 1, prompt, "{}", Instant.now(), Instant.now(), 1,
          Map.of(RenditionKind.THUMBNAIL, thumb));
    }
  }
}
