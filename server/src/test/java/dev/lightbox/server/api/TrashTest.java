package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Library.ids;
import static dev.lightbox.server.testing.Library.ok;
import static dev.lightbox.server.testing.Library.upload;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Library;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.internal.Sha256;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The trash: delete moves there, restore, empty (bytes gone), re-upload restores, purge after the days. */
class TrashTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    TestServer t;
    LightboxServer server;
    Http alice;
    Http bob;

    @BeforeEach
    void start() {
      t = TestServer.on(database, dir);
      server = t.start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void deleteMovesToTheTrashWhichTheOwnerAloneSeesAndRestores() {
      String kept = upload(alice, "kept");
      String trashed = upload(alice, "trashed");
      assertThat(alice.delete("/api/assets/" + trashed).statusCode()).isEqualTo(204);
      assertThat(alice.delete("/api/assets/" + trashed).statusCode()).as("idempotent").isEqualTo(204);

      assertThat(ids(alice, "/api/assets")).containsExactly(kept);
      assertThat(ids(alice, "/api/trash")).containsExactly(trashed);
      assertThat(json(alice.get("/api/trash")).get("items").get(0).get("trashedAt").isTextual()).isTrue();
      assertThat(ids(bob, "/api/trash")).isEmpty();
      // the owner still gets the bytes (the trash view shows thumbnails); nobody else does
      assertThat(alice.get("/api/assets/" + trashed + "/thumbnail").statusCode()).isEqualTo(200);
      assertThat(alice.get("/api/assets/" + trashed + "/original").statusCode()).isEqualTo(200);
      assertThat(bob.get("/api/assets/" + trashed + "/original").statusCode()).isEqualTo(404);
      assertThat(bob.send("POST", "/api/trash/" + trashed + "/restore",
          java.net.http.HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(404);
      assertThat(ok(bob.send("DELETE", "/api/trash", java.net.http.HttpRequest.BodyPublishers.noBody()))
          .get("deleted").asInt()).as("bob's empty trash leaves alice's alone").isZero();

      HttpResponse<byte[]> restored = alice.send("POST", "/api/trash/" + trashed + "/restore",
          java.net.http.HttpRequest.BodyPublishers.noBody());
      assertThat(ok(restored).get("trashedAt").isNull()).isTrue();
      assertThat(ids(alice, "/api/assets")).containsExactlyInAnyOrder(kept, trashed);
      assertThat(ids(alice, "/api/trash")).isEmpty();
    }

    @Test
    void emptyingTheTrashRemovesTheBytesAndIsIdempotent() throws IOException {
      String kept = upload(alice, "kept");
      String trashed = upload(alice, "trashed");
      long filesBefore = files();
      alice.delete("/api/assets/" + trashed);
      assertThat(files()).as("trashing keeps the bytes").isEqualTo(filesBefore);

      HttpResponse<byte[]> empty = alice.send("DELETE", "/api/trash", java.net.http.HttpRequest.BodyPublishers.noBody());
      assertThat(ok(empty).get("deleted").asInt()).isEqualTo(1);
      assertThat(files()).as("original and renditions removed").isEqualTo(filesBefore / 2);
      assertThat(ok(alice.send("DELETE", "/api/trash", java.net.http.HttpRequest.BodyPublishers.noBody()))
          .get("deleted").asInt()).isZero();
      assertThat(alice.get("/api/assets/" + trashed).statusCode()).isEqualTo(404);
      assertThat(alice.get("/api/assets/" + kept + "/original").statusCode()).isEqualTo(200);
    }

    @Test
    void permanentDeleteSkipsTheTrash() throws IOException {
      String id = upload(alice, "gone");
      assertThat(alice.delete("/api/assets/" + id + "?permanent=maybe").statusCode()).isEqualTo(400);
      assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
      assertThat(ids(alice, "/api/trash")).isEmpty();
      assertThat(files()).isZero();
    }

    @Test
    void reUploadingATrashedFileRestoresItAndTheBulkCheckCountsItAsPresent() {
      byte[] bytes = Library.photo("again");
      String id = json(alice.uploadMultipart("again.jpg", bytes)).get("id").asText();
      alice.delete("/api/assets/" + id);
      assertThat(json(alice.get("/api/assets/" + id)).get("trashedAt").isTextual()).isTrue();
      String sha = Sha256.hex(bytes);
      HttpResponse<byte[]> check = alice.postJson("/api/assets/check", "{\"sha256\":[\"" + sha + "\"]}");
      assertThat(json(check).get("present").get(0).asText()).isEqualTo(sha);

      HttpResponse<byte[]> again = alice.uploadMultipart("again.jpg", bytes);
      assertThat(again.statusCode()).as(Http.text(again)).isEqualTo(200);
      assertThat(json(again).get("id").asText()).isEqualTo(id);
      assertThat(json(again).get("duplicate").asBoolean()).isTrue();
      assertThat(json(again).get("trashedAt").isNull()).isTrue();
      assertThat(ids(alice, "/api/assets")).containsExactly(id);
      assertThat(ids(alice, "/api/trash")).isEmpty();
      assertThat(json(alice.get("/api/assets/" + id)).get("trashedAt").isNull()).as("not a stale cached row").isTrue();
    }

    @Test
    void theBackgroundPurgeDeletesWhatStayedLongerThanTheTrashDays() throws Exception {
      String old = upload(alice, "old");
      alice.delete("/api/assets/" + old);
      t.clock().advance(Duration.ofDays(8));
      String recent = upload(alice, "recent");
      alice.delete("/api/assets/" + recent);
      t.clock().advance(Duration.ofDays(3));
      server.close();
      // restarted with 10 days: the purge runs at start-up, then hourly
      server = t.set("LIGHTBOX_TRASH_DAYS", "10").start();
      Http client = new Http(server.baseUri()).with("x-api-key", alice.header("x-api-key"));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (ids(client, "/api/trash").contains(old) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(ids(client, "/api/trash")).containsExactly(recent);
      assertThat(client.get("/api/assets/" + old).statusCode()).isEqualTo(404);
    }

    /** Originals and renditions on disk. */
    private long files() throws IOException {
      long n = 0;
      for (String top : List.of("library", "renditions")) {
        Path root = t.config().diskRoot().resolve(top);
        if (Files.exists(root)) {
          try (Stream<Path> s = Files.walk(root)) {
            n += s.filter(Files::isRegularFile).count();
          }
        }
      }
      return n;
    }
  }
}
