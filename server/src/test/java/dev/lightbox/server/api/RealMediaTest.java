package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Ingest through the real media engine (libvips when installed, else pure Java): metadata and renditions. */
class RealMediaTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void realFilesGetTheirMetadataAThumbnailAndAPreview() {
      TestServer t = TestServer.on(database, dir)
          .media(MediaProcessors.create(MediaConfig.defaults(dir.resolve("media-tmp"))));
      try (LightboxServer server = t.start()) {
        Http anonymous = new Http(server.baseUri());
        assertThat(json(anonymous.get("/health")).get("media").get("engine").asText()).isNotEqualTo("stub");
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");

        HttpResponse<byte[]> photo = alice.uploadRaw("/api/assets?filename=portrait.jpg",
            Media.file("photo/immich_portrait-orientation-6.jpg"));
        assertThat(photo.statusCode()).as(Http.text(photo)).isEqualTo(201);
        JsonNode p = json(photo);
        assertThat(p.get("orientation").asInt()).isEqualTo(6);
        assertThat(p.get("width").asInt()).as("displayed width after orientation").isEqualTo(840);
        assertThat(p.get("height").asInt()).isEqualTo(700);
        HttpResponse<byte[]> thumb = alice.get(p.get("links").get("thumbnail").asText());
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(new String(Arrays.copyOfRange(thumb.body(), 8, 12), StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        HttpResponse<byte[]> preview = alice.get(p.get("links").get("preview").asText());
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(preview.body()[0] & 0xff).isEqualTo(0xff);
        assertThat(preview.body()[1] & 0xff).isEqualTo(0xd8);

        HttpResponse<byte[]> ai = alice.uploadRaw("/api/assets?filename=forge.png", Media.file("ai/forge-classic_text.png"));
        assertThat(ai.statusCode()).as(Http.text(ai)).isEqualTo(201);
        assertThat(json(ai).get("aiPrompt").asText()).isNotBlank();
        String word = json(ai).get("aiPrompt").asText().split("[^A-Za-z]+")[0].isEmpty()
            ? json(ai).get("aiPrompt").asText().split("[^A-Za-z]+")[1] : json(ai).get("aiPrompt").asText().split("[^A-Za-z]+")[0];
        assertThat(json(alice.get("/api/assets?q=" + word)).get("items")).hasSize(1);

        HttpResponse<byte[]> broken = alice.uploadRaw("/api/assets?filename=t.jpg", Media.file("edge/truncated_1024.jpg"));
        assertThat(broken.statusCode()).as("a file the engine struggles with is still stored").isEqualTo(201);
      }
    }
  }
}
