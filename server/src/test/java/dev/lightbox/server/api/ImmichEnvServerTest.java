package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.s3.S3BlobStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A server started from an Immich .env (IMMICH_* names only for the bucket) stores in and serves from S3. */
class ImmichEnvServerTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();

  @TempDir
  Path dir;

  @Test
  void anImmichEnvFileRunsTheServerOnItsBucket() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "# Immich settings\n"
        + "UPLOAD_LOCATION=./library\n"
        + "DB_PASSWORD=postgres\n"
        + "IMMICH_VERSION=release\n"
        + "IMMICH_STORAGE_BACKEND=s3\n"
        + "IMMICH_S3_BUCKET=" + s3.bucket() + "\n"
        + "IMMICH_S3_ENDPOINT=" + s3.endpoint() + "\n"
        + "IMMICH_S3_REGION=" + s3.info().region() + "\n"
        + "IMMICH_S3_ACCESS_KEY_ID=" + s3.info().accessKey() + "\n"
        + "IMMICH_S3_SECRET_ACCESS_KEY=" + s3.info().secretKey() + "\n"
        + "IMMICH_S3_SERVE_MODE=proxy\n");
    ServerConfig config = ConfigLoader.load(Map.of("LIGHTBOX_CONFIG_FILE", env.toString(),
        "LIGHTBOX_DATA_DIR", dir.resolve("data").toString(), "LIGHTBOX_HOST", "127.0.0.1", "LIGHTBOX_PORT", "0",
        "LIGHTBOX_DB_URL", TestDatabases.newDatabase(TestDatabases.SQLITE, dir.resolve("db")),
        "LIGHTBOX_ADMIN_EMAIL", TestServer.ADMIN_EMAIL, "LIGHTBOX_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD), null);
    Path photo = Media.file("photo/immich_density_plot.png");
    try (LightboxServer server = LightboxServer.builder(config).announce(line -> { }).withoutMedia().start()) {
      Http anonymous = new Http(server.baseUri());
      JsonNode health = json(anonymous.get("/health"));
      assertThat(health.get("storage").get("writeBackend").asText()).isEqualTo("s3");
      Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
      HttpResponse<byte[]> up = alice.uploadRaw("/api/assets?filename=plot.png", photo);
      assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
      String id = json(up).get("id").asText();

      HttpResponse<byte[]> served = alice.get("/api/assets/" + id + "/original");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(Files.readAllBytes(photo));
    }
    try (S3BlobStore bucket = S3BlobStore.open(config.s3())) {
      assertThat(bucket.list(ListRequest.of("library/")).objects()).singleElement()
          .satisfies(o -> assertThat(o.key().toString()).endsWith(".png"));
    }
  }
}
