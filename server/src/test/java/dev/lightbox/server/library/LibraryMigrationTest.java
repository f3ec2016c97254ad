package dev.lightbox.server.library;

import static dev.lightbox.server.library.LibraryFixture.assetNamed;
import static dev.lightbox.server.library.LibraryFixture.media;
import static dev.lightbox.server.library.LibraryFixture.poll;
import static dev.lightbox.server.library.LibraryFixture.tree;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A storage migration moves Lightbox's own objects and leaves the originals of libraries in place alone. */
class LibraryMigrationTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy("migrate-libraries");

  @Test
  void migrationSkipsLibraryOriginalsAndMovesTheirRenditions(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("library");
    byte[] inLibrary = media("ai/sdparsers_a1111_1x1.png");
    LibraryFixture.write(root, Map.of("comfyui/images/2026-01/in-library.png", inLibrary));
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).s3(s3, s3.bucket())
        .set("LIGHTBOX_S3_SERVE_MODE", "proxy").set("LIGHTBOX_LIBRARY_WATCH", "false");
    try (LightboxServer server = t.start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      byte[] uploadedBytes = media("photo/immich_picasa_tags.jpg");
      String uploaded = json(admin.uploadMultipart("uploaded.jpg", uploadedBytes)).get("id").asText();
      HttpResponse<byte[]> reg = admin.postJson("/api/libraries", "{\"kind\":\"disk\",\"path\":\"" + root + "\"}");
      assertThat(reg.statusCode()).as(Http.text(reg)).isEqualTo(201);
      String libraryAsset = poll(() -> LibraryFixture.assets(admin), a -> a.size() == 2, "the library scanned")
          .stream().filter(a -> a.get("fileName").asText().equals("in-library.png")).findFirst().orElseThrow()
          .get("id").asText();
      Map<String, String> before = tree(root);

      HttpResponse<byte[]> dry = admin.postJson("/api/admin/migrations", "{\"to\":\"s3\",\"dryRun\":true}");
      assertThat(dry.statusCode()).as(Http.text(dry)).isEqualTo(200);
      assertThat(json(dry).get("byKind").get("original").get("objects").asLong())
          .as("only the uploaded original is Lightbox's to move").isEqualTo(1);
      HttpResponse<byte[]> started = admin.postJson("/api/admin/migrations",
          "{\"to\":\"s3\",\"deleteSource\":true,\"sourceGraceSeconds\":0}");
      assertThat(started.statusCode()).as(Http.text(started)).isEqualTo(202);
      String batch = json(started).get("batchId").asText();
      JsonNode job = poll(() -> json(admin.get("/api/admin/migrations/" + batch)), b -> b.has("job")
          && !b.get("job").get("running").asBoolean() && b.get("job").has("report"), "the migration").get("job");
      assertThat(job.get("report").get("moved").asLong()).as(job.toString()).isEqualTo(5);

      Asset moved = server.catalog().assets().findById(uploaded).orElseThrow();
      assertThat(moved.originalLocation().toString()).startsWith("s3:");
      Asset kept = server.catalog().assets().findById(libraryAsset).orElseThrow();
      assertThat(kept.originalLocation().toString()).startsWith("library:");
      assertThat(kept.renditions().values()).allSatisfy(r -> assertThat(r.location().toString()).startsWith("s3:"));
      assertThat(tree(root)).as("the library's files were neither moved nor deleted").isEqualTo(before);
      poll(() -> admin.get("/api/assets/" + libraryAsset + "/original"),
          r -> r.statusCode() == 200 && java.util.Arrays.equals(r.body(), inLibrary), "the library original served");
      assertThat(admin.get("/api/assets/" + libraryAsset + "/thumbnail").statusCode()).isEqualTo(200);
      assertThat(assetNamed(admin, "uploaded.jpg").get("id").asText()).isEqualTo(uploaded);
    }
  }
}
