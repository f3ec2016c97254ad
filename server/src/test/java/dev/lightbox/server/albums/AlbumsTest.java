package dev.lightbox.server.albums;

import static dev.lightbox.server.testing.Library.ids;
import static dev.lightbox.server.testing.Library.ok;
import static dev.lightbox.server.testing.Library.patchJson;
import static dev.lightbox.server.testing.Library.upload;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Albums, favourites, ratings and tags over real HTTP, with the listing's filters. */
class AlbumsTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    LightboxServer server;
    Http alice;
    Http bob;

    @BeforeEach
    void start() {
      server = TestServer.on(database, dir).start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void albumsGroupTheOwnersAssetsWithCountsAndCovers() {
      String a = upload(alice, "a");
      String b = upload(alice, "b");
      String c = upload(alice, "c");
      String bobs = upload(bob, "bobs");

      HttpResponse<byte[]> created = alice.postJson("/api/albums", "{\"name\":\" Holidays \",\"assetIds\":[\"" + a
          + "\",\"" + b + "\"]}");
      assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
      JsonNode album = json(created);
      String id = album.get("id").asText();
      assertThat(album.get("name").asText()).isEqualTo("Holidays");
      assertThat(album.get("assetCount").asInt()).isEqualTo(2);
      assertThat(album.get("coverAssetId").asText()).isIn(a, b);
      assertThat(album.get("explicitCover").asBoolean()).isFalse();

      JsonNode added = ok(alice.postJson("/api/albums/" + id + "/assets", "{\"assetIds\":[\"" + c + "\",\"" + a + "\"]}"));
      assertThat(added.get("added").asInt()).isEqualTo(1);
      assertThat(added.get("album").get("assetCount").asInt()).isEqualTo(3);
      assertThat(ids(alice, "/api/assets?album=" + id)).containsExactlyInAnyOrder(a, b, c);

      HttpResponse<byte[]> foreign = alice.postJson("/api/albums/" + id + "/assets", "{\"assetIds\":[\"" + bobs + "\"]}");
      assertThat(foreign.statusCode()).isEqualTo(404);
      assertThat(Http.text(foreign)).contains(bobs);
      assertThat(alice.postJson("/api/albums", "{\"name\":\"x\",\"assetIds\":[\"" + bobs + "\"]}").statusCode())
          .isEqualTo(404);

      JsonNode covered = ok(patchJson(alice, "/api/albums/" + id, "{\"name\":\"Summer\",\"coverAssetId\":\"" + c + "\"}"));
      assertThat(covered.get("name").asText()).isEqualTo("Summer");
      assertThat(covered.get("coverAssetId").asText()).isEqualTo(c);
      assertThat(covered.get("explicitCover").asBoolean()).isTrue();
      assertThat(patchJson(alice, "/api/albums/" + id, "{\"coverAssetId\":\"" + bobs + "\"}").statusCode())
          .isEqualTo(404);
      assertThat(patchJson(alice, "/api/albums/" + id, "{\"name\":\"\"}").statusCode()).isEqualTo(400);

      // a trashed cover falls back to the newest asset; trashed assets leave the count
      alice.delete("/api/assets/" + c);
      JsonNode afterTrash = ok(alice.get("/api/albums/" + id));
      assertThat(afterTrash.get("assetCount").asInt()).isEqualTo(2);
      assertThat(afterTrash.get("coverAssetId").asText()).isIn(a, b);

      JsonNode removed = ok(alice.postJson("/api/albums/" + id + "/assets/remove", "{\"assetIds\":[\"" + a + "\"]}"));
      assertThat(removed.get("removed").asInt()).isEqualTo(1);
      assertThat(ids(alice, "/api/assets?album=" + id)).containsExactly(b);

      JsonNode list = ok(alice.get("/api/albums"));
      assertThat(list.get("items")).hasSize(1);
      assertThat(list.get("items").get(0).get("assetCount").asInt()).isEqualTo(1);

      // nobody else sees or changes it
      assertThat(bob.get("/api/albums/" + id).statusCode()).isEqualTo(404);
      assertThat(ok(bob.get("/api/albums")).get("items")).isEmpty();
      assertThat(ids(bob, "/api/assets?album=" + id)).isEmpty();
      assertThat(patchJson(bob, "/api/albums/" + id, "{\"name\":\"mine\"}").statusCode()).isEqualTo(404);
      assertThat(bob.postJson("/api/albums/" + id + "/assets", "{\"assetIds\":[\"" + bobs + "\"]}").statusCode())
          .isEqualTo(404);
      assertThat(bob.delete("/api/albums/" + id).statusCode()).isEqualTo(404);

      assertThat(alice.delete("/api/albums/" + id).statusCode()).isEqualTo(204);
      assertThat(alice.get("/api/albums/" + id).statusCode()).isEqualTo(404);
      assertThat(ids(alice, "/api/assets")).as("the assets stay").containsExactlyInAnyOrder(a, b);
    }

    @Test
    void favouritesRatingsAndTagsFilterTheListing() {
      String a = upload(alice, "a");
      String b = upload(alice, "b");
      String c = upload(alice, "c");
      JsonNode marked = ok(patchJson(alice, "/api/assets/" + a, "{\"favorite\":true,\"rating\":4}"));
      assertThat(marked.get("favorite").asBoolean()).isTrue();
      assertThat(marked.get("rating").asInt()).isEqualTo(4);
      ok(patchJson(alice, "/api/assets/" + b, "{\"rating\":2}"));
      assertThat(patchJson(alice, "/api/assets/" + b, "{\"rating\":6}").statusCode()).isEqualTo(400);
      assertThat(patchJson(alice, "/api/assets/" + b, "{\"favorite\":\"yes\"}").statusCode()).isEqualTo(400);
      assertThat(patchJson(bob, "/api/assets/" + a, "{\"favorite\":false}").statusCode()).isEqualTo(404);

      JsonNode tagged = ok(alice.postJson("/api/assets/" + a + "/tags", "{\"tags\":[\"Beach\",\"sunset\",\"beach \"]}"));
      assertThat(tagged.get("tags").toString()).isEqualTo("[\"beach\",\"sunset\"]");
      ok(alice.postJson("/api/assets/" + b + "/tags", "{\"tags\":[\"beach\"]}"));
      assertThat(alice.postJson("/api/assets/" + b + "/tags", "{\"tags\":[\"\"]}").statusCode()).isEqualTo(400);
      assertThat(bob.postJson("/api/assets/" + b + "/tags", "{\"tags\":[\"mine\"]}").statusCode()).isEqualTo(404);

      assertThat(ids(alice, "/api/assets?favorite=true")).containsExactly(a);
      assertThat(ids(alice, "/api/assets?favorite=false")).containsExactlyInAnyOrder(b, c);
      assertThat(ids(alice, "/api/assets?rating=2")).containsExactlyInAnyOrder(a, b);
      assertThat(ids(alice, "/api/assets?tag=BEACH")).containsExactlyInAnyOrder(a, b);
      assertThat(ids(alice, "/api/assets?tag=beach&favorite=true")).containsExactly(a);
      assertThat(ids(bob, "/api/assets?tag=beach")).isEmpty();
      assertThat(alice.get("/api/assets?favorite=1").statusCode()).isEqualTo(400);

      JsonNode tags = ok(alice.get("/api/tags"));
      assertThat(tags.get("items").toString())
          .isEqualTo("[{\"tag\":\"beach\",\"count\":2},{\"tag\":\"sunset\",\"count\":1}]");
      assertThat(ok(bob.get("/api/tags")).get("items")).isEmpty();

      JsonNode untagged = ok(alice.delete("/api/assets/" + a + "/tags/sunset"));
      assertThat(untagged.get("tags").toString()).isEqualTo("[\"beach\"]");
      assertThat(bob.delete("/api/assets/" + a + "/tags/beach").statusCode()).isEqualTo(404);
      alice.delete("/api/assets/" + b);
      assertThat(ok(alice.get("/api/tags")).get("items").toString()).as("the trash is not counted")
          .isEqualTo("[{\"tag\":\"beach\",\"count\":1}]");
    }
  }
}
