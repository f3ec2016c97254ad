package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.internal.Sha256;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Upload of real files, dedupe, the clear 4xx answers, listing with filters, metadata and delete. */
class IngestTest {
  @Nested
  @OnEachDatabase
  class Contract {
    static final List<String> REAL_FILES = List.of("ai/comfyui_sdxl.png", "ai/invokeai_itxt.png",
        "ai/a1111_sd-webui.jpg", "ai/a1111_sd-webui.webp", "photo/iphone12_BELOW_SEA_LEVEL.jpg",
        "photo/immich_iphone_IMG_2682.heic", "photo/immich_8bit-sRGB.avif", "photo/multipage_g4.tif",
        "photo/photoshop_xmp.gif", "video/bbb_480p_vp9_opus_1second.webm", "video/exiftool_QuickTime.mov",
        "edge/truncated_1024.jpg");
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
      t = TestServer.on(database, dir).set("LIGHTBOX_MAX_UPLOAD_SIZE", "2MB");
      server = t.start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
    }

    @AfterEach
    void stop() throws Exception {
      server.close();
      try (Stream<Path> temp = Files.list(dir.resolve("data/tmp"))) {
        assertThat(temp.toList()).as("temp files left behind").isEmpty();
      }
    }

    @Test
    void storesRealFilesUnderTheTemplateAndDedupesPerOwner() throws Exception {
      Set<String> ids = new HashSet<>();
      for (String name : REAL_FILES) {
        Path file = Media.file(name);
        HttpResponse<byte[]> r = alice.uploadRaw("/api/assets?filename=" + file.getFileName(), file);
        assertThat(r.statusCode()).as(name + ": " + Http.text(r)).isEqualTo(201);
        JsonNode a = json(r);
        assertThat(a.get("duplicate").asBoolean()).isFalse();
        assertThat(a.get("sha256").asText()).isEqualTo(Sha256.hex(Files.readAllBytes(file)));
        assertThat(a.get("size").asLong()).isEqualTo(Files.size(file));
        ids.add(a.get("id").asText());
        assertThat(alice.get("/api/assets/" + a.get("id").asText() + "/original").body())
            .isEqualTo(Files.readAllBytes(file));
      }
      assertThat(ids).hasSize(REAL_FILES.size());
      List<Path> originals;
      try (Stream<Path> s = Files.walk(dir.resolve("data/storage/library"))) {
        originals = s.filter(Files::isRegularFile).toList();
      }
      assertThat(originals).hasSize(REAL_FILES.size());
      String aliceId = json(alice.get("/api/me")).get("id").asText();
      assertThat(originals).allSatisfy(p -> assertThat(dir.resolve("data/storage").relativize(p).toString())
          .matches("library/" + aliceId + "/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.(png|jpg|webp|heic|avif|tif|gif|webm|mov)"));

      Path again = Media.file("ai/comfyui_sdxl.png");
      HttpResponse<byte[]> dup = alice.uploadMultipart("renamed.png", Files.readAllBytes(again));
      assertThat(dup.statusCode()).as(Http.text(dup)).isEqualTo(200);
      assertThat(json(dup).get("duplicate").asBoolean()).isTrue();
      assertThat(ids).contains(json(dup).get("id").asText());
      HttpResponse<byte[]> bobs = bob.uploadRaw("/api/assets?filename=mine.png", again);
      assertThat(bobs.statusCode()).as("another owner stores their own copy").isEqualTo(201);
      assertThat(ids).doesNotContain(json(bobs).get("id").asText());
    }

    @Test
    void answersBadUploadsClearly() throws Exception {
      HttpResponse<byte[]> nonsense = alice.uploadRaw("/api/assets?filename=x.bin", Media.file("edge/nonsense.bin"));
      assertProblem(nonsense, 415, "not a supported image or video");
      assertProblem(alice.uploadRaw("/api/assets?filename=empty.png", Media.file("edge/zero_bytes.png")), 400,
          "is empty");
      assertProblem(alice.uploadRaw("/api/assets", Media.file("photo/immich_picasa_tags.jpg")), 400, "?filename=");
      Path big = Media.file("ai/chatgpt_c2pa.png");
      assertProblem(alice.uploadRaw("/api/assets?filename=big.png", big), 413, "LIGHTBOX_MAX_UPLOAD_SIZE");
      assertProblem(alice.send(true, "POST", "/api/assets?filename=big.png", HttpRequest.BodyPublishers.ofFile(big),
          "Content-Type", "image/png"), 413, "LIGHTBOX_MAX_UPLOAD_SIZE");
      byte[] bigBytes = new byte[3 << 20];
      HttpResponse<byte[]> chunked = alice.send("POST", "/api/assets?filename=big.jpg",
          HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bigBytes)),
          "Content-Type", "image/jpeg");
      assertProblem(chunked, 413, "LIGHTBOX_MAX_UPLOAD_SIZE");
      assertProblem(alice.send("POST", "/api/assets", HttpRequest.BodyPublishers.ofString("--x\r\nbroken"),
          "Content-Type", "multipart/form-data; boundary=x"), 400, "multipart");
      assertProblem(alice.send("POST", "/api/assets", HttpRequest.BodyPublishers.ofString("abc"),
          "Content-Type", "multipart/form-data"), 400, "boundary");
      assertProblem(alice.send("POST", "/api/keys", HttpRequest.BodyPublishers.ofString("{\"name\": "),
          "Content-Type", "application/json"), 400, "not valid JSON");
      assertProblem(alice.send("POST", "/api/keys", HttpRequest.BodyPublishers.ofString("name=x"),
          "Content-Type", "application/x-www-form-urlencoded"), 415, "application/json");
      assertProblem(alice.get("/api/assets?limit=0"), 400, "'limit'");
      assertProblem(alice.get("/api/assets?from=yesterday"), 400, "'from'");
      assertProblem(alice.get("/api/assets?cursor=abc"), 400, "cursor");
      assertProblem(alice.get("/api/nothing-here"), 404, "openapi.json");
      HttpResponse<byte[]> wrongMethod = alice.send("PUT", "/api/assets", HttpRequest.BodyPublishers.noBody());
      assertProblem(wrongMethod, 405, "allowed");
      assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST, GET, HEAD");
      try (Stream<Path> s = Files.walk(dir.resolve("data/storage"))) {
        assertThat(s.filter(Files::isRegularFile).toList()).as("nothing stored by refused uploads").isEmpty();
      }
    }

    private static void assertProblem(HttpResponse<byte[]> r, int status, String detailPart) {
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(status);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode p = json(r);
      assertThat(p.get("status").asInt()).isEqualTo(status);
      assertThat(p.get("detail").asText()).contains(detailPart);
      assertThat(Http.text(r)).doesNotContain("Exception", "\tat ");
    }

    @Test
    void listsWithPaginationAndFilters() throws Exception {
      byte[] png = Files.readAllBytes(Media.file("photo/exiftool_PNG_xmp.png"));
      byte[] jpg = Files.readAllBytes(Media.file("photo/exiftool_Apple_iPhone7_8x8.jpg"));
      byte[] webm = Files.readAllBytes(Media.file("video/test_stereo_left_right.webm"));
      List<String> ids = new ArrayList<>();
      ids.add(upload("prompt-A Red Fox_in snow.png", png));
      ids.add(upload("captured-prompt-blue whale.jpg", jpg));
      ids.add(upload("clip.webm", webm));
      for (int i = 0; i < 5; i++) {
        ids.add(upload("x" + i + ".jpg", (new String(jpg, StandardCharsets.ISO_8859_1) + i)
            .getBytes(StandardCharsets.ISO_8859_1)));
      }
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonNode page = json(alice.get("/api/assets?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
        page.get("items").forEach(i -> seen.add(i.get("id").asText()));
        cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
      assertThat(names("/api/assets?q=red%20FOX_in")).containsExactly("prompt-A Red Fox_in snow.png");
      assertThat(names("/api/assets?q=%25")).isEmpty();
      assertThat(names("/api/assets?mediaType=video")).containsExactly("clip.webm");
      assertThat(names("/api/assets?mediaType=image/png")).containsExactly("prompt-A Red Fox_in snow.png");
      assertThat(names("/api/assets?from=2021-06-01&to=2021-07-01")).containsExactly("captured-prompt-blue whale.jpg");
      assertThat(names("/api/assets?to=2021-06-15T08:30:00Z")).isEmpty();
      assertThat(names("/api/assets?to=2021-06-15T08:30:00.001Z")).containsExactly("captured-prompt-blue whale.jpg");
      assertThat(json(bob.get("/api/assets")).get("items")).isEmpty();

      JsonNode meta = json(alice.get("/api/assets/" + ids.get(1)));
      assertThat(meta.get("captureTime").asText()).isEqualTo("2021-06-15T10:30+02:00");
      assertThat(meta.get("aiPrompt").asText()).isEqualTo("blue whale.jpg");
      assertThat(meta.get("metadata").get("stub").asBoolean()).isTrue();
      assertThat(meta.get("renditions").get("thumbnail").get("mediaType").asText()).isEqualTo("image/webp");
      assertThat(meta.toString()).doesNotContain("disk:", "library/");
    }

    private String upload(String name, byte[] content) {
      HttpResponse<byte[]> r = alice.uploadMultipart(name, content);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      return json(r).get("id").asText();
    }

    private List<String> names(String path) {
      HttpResponse<byte[]> r = alice.get(path);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
      List<String> out = new ArrayList<>();
      json(r).get("items").forEach(i -> out.add(i.get("fileName").asText()));
      return out;
    }

    @Test
    void deletesOriginalAndRenditionsIdempotently() throws Exception {
      String id = upload("gone.jpg", Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg")));
      try (Stream<Path> s = Files.walk(dir.resolve("data/storage"))) {
        assertThat(s.filter(Files::isRegularFile).count()).as("original, thumbnail, preview").isEqualTo(3);
      }
      assertThat(bob.delete("/api/assets/" + id).statusCode()).isEqualTo(204);
      assertThat(alice.get("/api/assets/" + id).statusCode()).as("bob's delete did nothing").isEqualTo(200);
      assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
      assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
      assertThat(alice.get("/api/assets/" + id).statusCode()).isEqualTo(404);
      assertThat(alice.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(404);
      try (Stream<Path> s = Files.walk(dir.resolve("data/storage"))) {
        assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
      }
    }

    @Test
    void keepsFilesTheMediaEngineCannotRenderWithAWarning() throws Exception {
      HttpResponse<byte[]> r = alice.uploadMultipart("unrenderable.jpg",
          Files.readAllBytes(Media.file("edge/truncated_1024.jpg")));
      assertThat(r.statusCode()).isEqualTo(201);
      JsonNode a = json(r);
      assertThat(a.get("links").get("thumbnail").isNull()).isTrue();
      assertThat(a.get("warnings").toString()).contains("no thumbnail", "no preview");
      assertThat(alice.get("/api/assets/" + a.get("id").asText() + "/thumbnail").statusCode()).isEqualTo(404);
      assertThat(alice.get("/api/assets/" + a.get("id").asText() + "/original").statusCode()).isEqualTo(200);
    }
  }
}
