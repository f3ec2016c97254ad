package dev.lightbox.server.migration;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The admin migration API: access, dry run, validation, conflicts, status, rollback, and the OpenAPI entries. */
class MigrationApiTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy("api");
  @TempDir
  Path dir;

  @Test
  void adminsRunAndWatchMigrationsOthersMayNot() throws Exception {
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).s3(s3, s3.bucket())
        .set("LIGHTBOX_S3_SERVE_MODE", "proxy");
    try (LightboxServer server = t.start()) {
      Http anonymous = new Http(server.baseUri());
      Http admin = Users.admin(anonymous);
      Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
      for (int i = 0; i < 5; i++) {
        byte[] bytes = ("\u00ff\u00d8\u00ff jpeg-ish " + i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> up = alice.send("POST", "/api/assets?filename=p" + i + ".jpg",
            HttpRequest.BodyPublishers.ofByteArray(bytes), "Content-Type", "application/octet-stream");
        assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
      }

      assertThat(alice.postJson("/api/admin/migrations", "{\"to\":\"s3\"}").statusCode()).isEqualTo(403);
      assertThat(alice.get("/api/admin/migrations").statusCode()).isEqualTo(403);
      assertThat(anonymous.get("/api/admin/migrations").statusCode()).isEqualTo(401);

      HttpResponse<byte[]> dry = admin.postJson("/api/admin/migrations", "{\"to\":\"s3\",\"dryRun\":true}");
      assertThat(dry.statusCode()).as(Http.text(dry)).isEqualTo(200);
      assertThat(json(dry).get("objects").asLong()).isEqualTo(15);
      assertThat(json(dry).get("byKind").get("original").get("objects").asLong()).isEqualTo(5);

      HttpResponse<byte[]> bad = admin.postJson("/api/admin/migrations", "{\"to\":\"tape\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(Http.text(bad)).contains("'to' must be disk or s3");
      assertThat(admin.postJson("/api/admin/migrations", "{\"to\":\"s3\",\"kinds\":[\"videos\"]}").statusCode())
          .isEqualTo(400);
      assertThat(admin.postJson("/api/admin/migrations", "{\"to\":\"s3\",\"concurrency\":0}").statusCode())
          .isEqualTo(400);

      HttpResponse<byte[]> started = admin.postJson("/api/admin/migrations",
          "{\"to\":\"s3\",\"kinds\":[\"original\"],\"deleteSource\":true,\"sourceGraceSeconds\":0}");
      assertThat(started.statusCode()).as(Http.text(started)).isEqualTo(202);
      String batch = json(started).get("batchId").asText();
      JsonNode job = await(admin, batch);
      assertThat(job.get("report").get("moved").asLong()).isEqualTo(5);
      assertThat(job.get("report").get("sourcesDeleted").asLong()).isEqualTo(5);

      JsonNode list = json(admin.get("/api/admin/migrations"));
      assertThat(list.get("batches").get(0).get("id").asText()).isEqualTo(batch);
      assertThat(list.get("catalog").get("s3").get("original").get("objects").asLong()).isEqualTo(5);
      assertThat(list.get("catalog").get("disk").get("thumbnail").get("objects").asLong()).isEqualTo(5);

      assertThat(admin.get("/api/admin/migrations/nope").statusCode()).isEqualTo(404);
      assertThat(admin.send("POST", "/api/admin/migrations/" + batch + "/stop", HttpRequest.BodyPublishers.noBody())
          .statusCode()).isEqualTo(404);

      HttpResponse<byte[]> rollback = admin.send("POST", "/api/admin/migrations/" + batch + "/rollback",
          HttpRequest.BodyPublishers.ofString("{\"sourceGraceSeconds\":0}"), "Content-Type", "application/json");
      assertThat(rollback.statusCode()).as(Http.text(rollback)).isEqualTo(202);
      JsonNode undone = await(admin, json(rollback).get("batchId").asText());
      assertThat(undone.get("report").get("moved").asLong()).isEqualTo(5);
      assertThat(json(admin.get("/api/admin/migrations/" + batch)).get("state").asText()).isEqualTo("rolled_back");
      HttpResponse<byte[]> twice = admin.send("POST", "/api/admin/migrations/" + batch + "/rollback",
          HttpRequest.BodyPublishers.noBody());
      assertThat(twice.statusCode()).isEqualTo(400);

      String openApi = Http.text(anonymous.get("/api/openapi.json"));
      assertThat(openApi).contains("/api/admin/migrations", "/api/admin/migrations/{id}/rollback");
    }
  }

  private static JsonNode await(Http admin, String batch) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode b = json(admin.get("/api/admin/migrations/" + batch));
      if (b.has("job") && !b.get("job").get("running").asBoolean() && b.get("job").has("report")) {
        return b.get("job");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the migration " + batch + " did not finish in time");
  }
}
