package dev.lightbox.server.library;

import static dev.lightbox.server.library.LibraryFixture.COMFY;
import static dev.lightbox.server.library.LibraryFixture.INVOKE_IMAGE;
import static dev.lightbox.server.library.LibraryFixture.assetNamed;
import static dev.lightbox.server.library.LibraryFixture.assets;
import static dev.lightbox.server.library.LibraryFixture.awaitScan;
import static dev.lightbox.server.library.LibraryFixture.fileName;
import static dev.lightbox.server.library.LibraryFixture.media;
import static dev.lightbox.server.library.LibraryFixture.poll;
import static dev.lightbox.server.library.LibraryFixture.sha256;
import static dev.lightbox.server.library.LibraryFixture.tree;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A folder registered as a library in place, built from the shared media in InvokeAI's, genblaze's and
 * comfyui-cloud-storage's layouts: catalogued where it is, kept current, served, removed, never written.
 */
class DiskLibraryTest {

  static String register(Http admin, Path root) {
    HttpResponse<byte[]> r = admin.postJson("/api/libraries",
        "{\"kind\":\"disk\",\"name\":\"Outputs\",\"path\":\"" + root.toString().replace("\\", "\\\\") + "\"}");
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
    return json(r).get("id").asText();
  }

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void cataloguesInPlaceKeepsCurrentServesAndNeverWrites() throws Exception {
      Path root = dir.resolve("photos");
      Map<String, byte[]> files = LibraryFixture.layouts();
      byte[] uploaded = media("photo/immich_picasa_tags.jpg");
      files.put("dup/copy-of-upload.jpg", uploaded);
      files.put(".hidden/ignored.png", media("ai/sdparsers_a1111_1x1.png"));
      LibraryFixture.write(root, files);
      TestServer t = TestServer.on(database, dir).set("LIGHTBOX_LIBRARY_WATCH", "false")
          .set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0");
      try (LightboxServer server = t.start()) {
        Http anonymous = new Http(server.baseUri());
        Http admin = Users.admin(anonymous);
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        String uploadedId = json(admin.uploadMultipart("upload.jpg", uploaded)).get("id").asText();
        Map<String, String> before = tree(root);

        assertThat(alice.get("/api/libraries").statusCode()).isEqualTo(403);
        assertThat(alice.postJson("/api/libraries", "{\"kind\":\"disk\",\"path\":\"" + root + "\"}").statusCode())
            .isEqualTo(403);
        HttpResponse<byte[]> missing = admin.postJson("/api/libraries",
            "{\"kind\":\"disk\",\"path\":\"" + dir.resolve("nope") + "\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.text(missing)).contains("does not exist or is not a readable directory");
        assertThat(admin.postJson("/api/libraries", "{\"kind\":\"disk\",\"path\":\"photos\"}").statusCode())
            .isEqualTo(400);
        assertThat(admin.postJson("/api/libraries", "{\"kind\":\"disk\",\"path\":\"" + dir.resolve("data")
            + "\"}").statusCode()).as("the data dir is not a library").isEqualTo(400);

        String id = register(admin, root);
        JsonNode scan = awaitScan(admin, id, s -> s.get("catalogued").asLong() == 4).get("lastScan");
        assertThat(scan.get("found").asLong()).isEqualTo(9);
        assertThat(scan.get("linked").asLong()).as("the uploaded copy is linked, not duplicated").isEqualTo(1);
        assertThat(scan.get("manifests").asLong()).isEqualTo(2);
        assertThat(scan.get("errors").asLong()).as(scan.toString()).isZero();
        assertThat(scan.get("skipped").get("InvokeAI thumbnail (its image is in images/)").asLong()).isEqualTo(1);
        assertThat(scan.get("skipped").get("not an image or video").asLong()).isEqualTo(1);
        assertThat(admin.postJson("/api/libraries", "{\"kind\":\"disk\",\"path\":\"" + root + "\"}").statusCode())
            .isEqualTo(409);

        assertThat(assets(admin)).extracting(a -> a.get("fileName").asText()).containsExactlyInAnyOrder(
            "upload.jpg", "7f3c.png", "ComfyUI_00001_.png", fileName(genKey(files, ".png")),
            fileName(genKey(files, ".jpg")));
        JsonNode gen1 = json(admin.get("/api/assets/" + assetNamed(admin, fileName(genKey(files, ".png")))
            .get("id").asText()));
        assertThat(gen1.get("metadata").get("provenance").get("manifest").get("steps").get(0).get("prompt").asText())
            .isEqualTo("night");
        assertThat(gen1.get("metadata").get("library").get("path").asText()).isEqualTo(genKey(files, ".png"));
        JsonNode gen2 = json(admin.get("/api/assets/" + assetNamed(admin, fileName(genKey(files, ".jpg")))
            .get("id").asText()));
        assertThat(gen2.get("metadata").get("provenance").get("path").asText()).endsWith(".json");
        assertThat(gen2.get("metadata").get("provenance").get("manifest").get("steps").get(0).get("prompt").asText())
            .isEqualTo("usercomment");
        assertThat(json(admin.get("/api/assets/" + uploadedId)).get("metadata").has("library")).isFalse();

        String comfyId = assetNamed(admin, "ComfyUI_00001_.png").get("id").asText();
        byte[] comfy = files.get(COMFY);
        HttpResponse<byte[]> original = admin.get("/api/assets/" + comfyId + "/original");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(comfy);
        HttpResponse<byte[]> range = admin.get("/api/assets/" + comfyId + "/original", "Range", "bytes=10-19");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(comfy, 10, 20));
        assertThat(admin.get("/api/assets/" + comfyId + "/thumbnail").statusCode()).isEqualTo(200);
        assertThat(alice.get("/api/assets/" + comfyId + "/original").statusCode()).isEqualTo(404);
        assertThat(tree(root)).as("scanning and serving wrote nothing into the library").isEqualTo(before);

        // A changed file: the same asset, new content, renditions made again.
        byte[] changed = media("ai/sdparsers_a1111_1x1.png");
        Path comfyFile = root.resolve(COMFY);
        Files.write(comfyFile, changed);
        Files.setLastModifiedTime(comfyFile, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(admin.send("POST", "/api/libraries/" + id + "/rescan",
            java.net.http.HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(202);
        poll(() -> json(admin.get("/api/assets/" + comfyId)), a -> a.get("sha256").asText().equals(sha256(changed)),
            "the changed file's new hash");
        poll(() -> admin.get("/api/assets/" + comfyId + "/original"), r -> Arrays.equals(r.body(), changed),
            "the changed file's bytes");

        // A removed file: offline, 410 for the original, thumbnail still there; back when the file is back.
        String invokeId = assetNamed(admin, "7f3c.png").get("id").asText();
        byte[] invoke = files.get(INVOKE_IMAGE);
        Files.delete(root.resolve(INVOKE_IMAGE));
        admin.send("POST", "/api/libraries/" + id + "/rescan", java.net.http.HttpRequest.BodyPublishers.noBody());
        poll(() -> json(admin.get("/api/assets/" + invokeId)), a -> a.get("offline").asBoolean(), "offline");
        HttpResponse<byte[]> gone = poll(() -> admin.get("/api/assets/" + invokeId + "/original"),
            r -> r.statusCode() == 410, "410 for an offline original");
        assertThat(Http.text(gone)).contains("offline", "put the file back");
        assertThat(admin.get("/api/assets/" + invokeId + "/thumbnail").statusCode()).isEqualTo(200);
        assertThat(library(admin, id).get("files").get("offline").asLong()).isEqualTo(1);
        Files.write(root.resolve(INVOKE_IMAGE), invoke);
        admin.send("POST", "/api/libraries/" + id + "/rescan", java.net.http.HttpRequest.BodyPublishers.noBody());
        poll(() -> json(admin.get("/api/assets/" + invokeId)), a -> !a.get("offline").asBoolean(), "back online");
        poll(() -> admin.get("/api/assets/" + invokeId + "/original"), r -> Arrays.equals(r.body(), invoke),
            "the original served again");

        // Removing the library removes its catalogue and renditions, never a file of it.
        Map<String, String> beforeRemoval = tree(root);
        Path renditions = dir.resolve("data/storage/renditions");
        assertThat(Files.walk(renditions).anyMatch(p -> p.toString().contains(comfyId))).isTrue();
        assertThat(admin.delete("/api/libraries/" + id).statusCode()).isEqualTo(204);
        assertThat(admin.delete("/api/libraries/" + id).statusCode()).isEqualTo(404);
        assertThat(assets(admin)).extracting(a -> a.get("id").asText()).containsExactly(uploadedId);
        assertThat(admin.get("/api/assets/" + comfyId).statusCode()).isEqualTo(404);
        assertThat(Files.walk(renditions).anyMatch(p -> p.toString().contains(comfyId))).isFalse();
        assertThat(json(admin.get("/api/libraries")).get("libraries")).isEmpty();
        assertThat(tree(root)).isEqualTo(beforeRemoval);
        assertThat(admin.get("/api/assets/" + uploadedId + "/original").body()).isEqualTo(uploaded);
      }
    }
  }

  @Test
  void aFileAddedToAWatchedFolderIsCataloguedWithoutARescan(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("watched");
    LibraryFixture.write(root, Map.of("a/one.png", media("ai/sdparsers_a1111_1x1.png")));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0");
    try (LightboxServer server = t.start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String id = register(admin, root);
      awaitScan(admin, id, s -> s.get("catalogued").asLong() == 1);
      LibraryFixture.write(root, Map.of("a/b/two.jpg", media("ai/sdparsers_a1111_usercomment_1x1.jpg")));
      poll(() -> assets(admin).size(), n -> n == 2, "the new file catalogued after the watch saw it");
      Files.delete(root.resolve("a/one.png"));
      poll(() -> assetNamed(admin, "one.png").get("offline").asBoolean(), o -> o, "offline after the watch saw it");
    }
  }

  @Test
  void periodicRescansNoticeNewFilesWithoutWatching(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("polled");
    LibraryFixture.write(root, Map.of("one.png", media("ai/sdparsers_a1111_1x1.png")));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "1")
        .set("LIGHTBOX_LIBRARY_WATCH", "false");
    try (LightboxServer server = t.start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      register(admin, root);
      poll(() -> assets(admin).size(), n -> n == 1, "the first scan");
      LibraryFixture.write(root, Map.of("two.jpg", media("ai/sdparsers_a1111_usercomment_1x1.jpg")));
      poll(() -> assets(admin).size(), n -> n == 2, "the new file catalogued by a periodic rescan");
    }
  }

  @Test
  void aChosenOwnerGetsTheAssetsAndARestartNoticesWhatChangedMeanwhile(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("owned");
    LibraryFixture.write(root, Map.of("one.png", media("ai/sdparsers_a1111_1x1.png"),
        "two.jpg", media("ai/sdparsers_a1111_usercomment_1x1.jpg")));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0")
        .set("LIGHTBOX_LIBRARY_WATCH", "false");
    String apiKey;
    try (LightboxServer server = t.start()) {
      Http anonymous = new Http(server.baseUri());
      Http admin = Users.admin(anonymous);
      Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
      apiKey = alice.header("x-api-key");
      HttpResponse<byte[]> unknown = admin.postJson("/api/libraries",
          "{\"kind\":\"disk\",\"path\":\"" + root + "\",\"ownerEmail\":\"nobody@example.com\"}");
      assertThat(unknown.statusCode()).isEqualTo(400);
      HttpResponse<byte[]> r = admin.postJson("/api/libraries",
          "{\"kind\":\"disk\",\"path\":\"" + root + "\",\"ownerEmail\":\"alice@example.com\"}");
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      assertThat(json(r).get("ownerEmail").asText()).isEqualTo("alice@example.com");
      poll(() -> assets(alice).size(), n -> n == 2, "alice's library catalogued");
      assertThat(assets(admin)).isEmpty();
      String aliceId = json(alice.get("/api/me")).get("id").asText();
      HttpResponse<byte[]> refused = admin.delete("/api/users/" + aliceId);
      assertThat(refused.statusCode()).as(Http.text(refused)).isEqualTo(409);
      assertThat(Http.text(refused)).contains("owns 1 libraries in place");
    }
    Files.delete(root.resolve("one.png"));
    LibraryFixture.write(root, Map.of("three.png", media("photo/immich_density_plot.png")));
    try (LightboxServer server = t.start()) {
      Http alice = new Http(server.baseUri()).with("x-api-key", apiKey);
      poll(() -> assets(alice).size(), n -> n == 3, "the file added while the server was down");
      poll(() -> assetNamed(alice, "one.png").get("offline").asBoolean(), o -> o,
          "the file removed while the server was down shown offline");
    }
  }

  @Test
  void aMissingFolderFailsTheScanInsteadOfTakingEverythingOffline(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("nas");
    LibraryFixture.write(root, Map.of("one.png", media("ai/sdparsers_a1111_1x1.png")));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0")
        .set("LIGHTBOX_LIBRARY_WATCH", "false");
    try (LightboxServer server = t.start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String id = register(admin, root);
      awaitScan(admin, id, s -> s.get("catalogued").asLong() == 1);
      Files.move(root, dir.resolve("unmounted"));
      admin.send("POST", "/api/libraries/" + id + "/rescan", java.net.http.HttpRequest.BodyPublishers.noBody());
      JsonNode failed = awaitScan(admin, id, s -> !s.get("failure").isNull()).get("lastScan");
      assertThat(failed.get("failure").asText()).contains("is missing or unreadable");
      assertThat(assetNamed(admin, "one.png").get("offline").asBoolean()).isFalse();
      assertThat(library(admin, id).get("files").get("online").asLong()).isEqualTo(1);
    }
  }

  private static JsonNode library(Http admin, String id) {
    return LibraryFixture.library(admin, id);
  }

  private static String genKey(Map<String, byte[]> files, String ext) {
    return files.keySet().stream().filter(k -> k.startsWith("genblaze/assets/") && k.endsWith(ext)).findFirst()
        .orElseThrow();
  }
}
