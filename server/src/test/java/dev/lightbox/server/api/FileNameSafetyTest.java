package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file name with a right-to-left override is stored and served without it, over real HTTP. */
class FileNameSafetyTest {
  @TempDir
  Path dir;

  @Test
  void bidiOverridesNeitherReachTheCatalogNorADownload() throws Exception {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      Path photo = Media.file("photo/immich_picasa_tags.jpg");

      HttpResponse<byte[]> multipart = alice.uploadMultipart("photo\u202Egnp.exe", Files.readAllBytes(photo));
      assertThat(multipart.statusCode()).as(Http.text(multipart)).isEqualTo(201);
      JsonNode asset = json(multipart);
      assertThat(asset.get("fileName").asText()).isEqualTo("photognp.exe");
      HttpResponse<byte[]> download = alice.get(asset.get("links").get("original").asText() + "?download=1");
      assertThat(download.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"photognp.exe\"");
      HttpResponse<byte[]> thumbnail = alice.get(asset.get("links").get("thumbnail").asText());
      assertThat(thumbnail.headers().firstValue("Content-Disposition"))
          .hasValue("inline; filename=\"photognp-thumbnail.webp\"");

      Path other = dir.resolve("other.jpg");
      Files.write(other, Files.readAllBytes(photo));
      Files.write(other, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND); // another asset
      HttpResponse<byte[]> raw = alice.uploadRaw("/api/assets?filename=invoice%E2%81%A6%E2%80%8Fcod.jpg", other);
      assertThat(raw.statusCode()).as(Http.text(raw)).isEqualTo(201);
      assertThat(json(raw).get("fileName").asText()).isEqualTo("invoicecod.jpg");
      assertThat(json(alice.get("/api/assets")).get("items").findValuesAsText("fileName"))
          .containsExactlyInAnyOrder("photognp.exe", "invoicecod.jpg");
    }
  }
}
