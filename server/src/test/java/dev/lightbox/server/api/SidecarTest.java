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
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Sidecar files kept with an asset (A1111 .txt, ComfyUI/InvokeAI .json, .xmp): attached by PUT or as multipart
 * parts of the upload, listed in the asset JSON, served to the owner only, replaced by name and never
 * duplicated, merged into the metadata where the image has none, deleted with the asset.
 */
class SidecarTest {
  static final String A1111 = "a watercolor cat on a windowsill\nNegative prompt: blurry, dog\n"
      + "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 12345, Size: 512x768, Model: dreamshaper_8";
  static final String COMFY = "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":42,\"steps\":20,\"cfg\":7,"
      + "\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"model\":[\"4\",0],\"positive\":[\"6\",0],"
      + "\"negative\":[\"7\",0]}},\"4\":{\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":"
      + "\"sd_xl_base_1.0.safetensors\"}},\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":"
      + "\"a red fox in snow\",\"clip\":[\"4\",1]}},\"7\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":"
      + "\"blurry\",\"clip\":[\"4\",1]}}}";
  static final String XMP = """
      <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
        xmp:Rating="4" photoshop:DateCreated="2021-07-14T18:30:00+02:00">
       <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour at dusk</rdf:li></rdf:Alt></dc:title>
       <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boats coming in</rdf:li></rdf:Alt></dc:description>
       <dc:subject><rdf:Bag><rdf:li>harbour</rdf:li><rdf:li>boats</rdf:li></rdf:Bag></dc:subject>
      </rdf:Description></rdf:RDF></x:xmpmeta>""";
  static final String XMP_WITH_ENTITIES = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
      + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      + "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>"
      + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>&c;&ext;</dc:title>"
      + "</rdf:Description></rdf:RDF></x:xmpmeta>";

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
      server = TestServer.on(database, dir).media(MediaProcessors.create(MediaConfig.defaults(dir.resolve("mt"))))
          .start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void aPutSidecarIsKeptServedToTheOwnerMergedReplacedByNameAndDeletedWithTheAsset() throws Exception {
      String id = uploadRaw("photo/exiftool_PNG_xmp.png");
      assertThat(json(alice.get("/api/assets/" + id)).path("metadata").has("ai")).isFalse();

      HttpResponse<byte[]> put = put(alice, id, "00001-12345.txt", A1111);
      assertThat(put.statusCode()).as(Http.text(put)).isEqualTo(201);
      assertThat(json(put).path("changed").asBoolean()).isTrue();
      JsonNode asset = json(alice.get("/api/assets/" + id));
      assertThat(asset.path("sidecars")).hasSize(1);
      JsonNode s = asset.path("sidecars").get(0);
      assertThat(s.path("name").asText()).isEqualTo("00001-12345.txt");
      assertThat(s.path("type").asText()).isEqualTo("parameters");
      assertThat(s.path("size").asLong()).isEqualTo(A1111.getBytes(StandardCharsets.UTF_8).length);
      JsonNode ai = asset.path("metadata").path("ai");
      assertThat(ai.path("prompt").asText()).isEqualTo("a watercolor cat on a windowsill");
      assertThat(ai.path("negativePrompt").asText()).isEqualTo("blurry, dog");
      assertThat(ai.path("seed").asLong()).isEqualTo(12345);
      assertThat(ai.path("model").asText()).isEqualTo("dreamshaper_8");
      assertThat(ai.path("source").asText()).isEqualTo("sidecar:parameters");
      assertThat(asset.path("aiPrompt").asText()).isEqualTo("a watercolor cat on a windowsill");
      assertThat(json(alice.get("/api/assets?q=watercolor")).path("items")).hasSize(1);

      HttpResponse<byte[]> download = alice.get(s.path("link").asText());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(Http.text(download)).isEqualTo(A1111);
      assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(bob.get(s.path("link").asText()).statusCode()).as("another user's sidecar").isEqualTo(404);
      assertThat(put(bob, id, "x.txt", A1111).statusCode()).isEqualTo(404);
      assertThat(new Http(server.baseUri()).get(s.path("link").asText()).statusCode()).isEqualTo(401);

      HttpResponse<byte[]> again = put(alice, id, "00001-12345.txt", A1111);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(json(again).path("changed").asBoolean()).isFalse();
      String changed = A1111.replace("watercolor cat", "watercolor owl");
      assertThat(put(alice, id, "00001-12345.txt", changed).statusCode()).isEqualTo(201);
      asset = json(alice.get("/api/assets/" + id));
      assertThat(asset.path("sidecars")).as("replaced by name, not added").hasSize(1);
      assertThat(Http.text(alice.get(asset.path("sidecars").get(0).path("link").asText()))).isEqualTo(changed);
      assertThat(asset.path("aiPrompt").asText()).isEqualTo("a watercolor owl on a windowsill");
      assertThat(storedSidecarObjects()).as("the replaced object is removed").hasSize(1);

      assertThat(put(alice, id, "00001-12345.xmp", XMP).statusCode()).isEqualTo(201);
      asset = json(alice.get("/api/assets/" + id));
      JsonNode xmp = asset.path("metadata").path("xmp");
      assertThat(xmp.path("rating").asInt()).isEqualTo(4);
      assertThat(xmp.path("title").asText()).isEqualTo("Harbour at dusk");
      assertThat(xmp.path("description").asText()).isEqualTo("Boats coming in");
      assertThat(xmp.path("keywords").toString()).isEqualTo("[\"harbour\",\"boats\"]");
      assertThat(asset.path("captureTime").asText()).isEqualTo("2021-07-14T18:30+02:00");
      assertThat(asset.path("takenAt").asText()).isEqualTo("2021-07-14T16:30:00Z");
      assertThat(asset.path("sidecars")).hasSize(2);

      HttpResponse<byte[]> entities = put(alice, id, "bomb.xmp", XMP_WITH_ENTITIES);
      assertThat(entities.statusCode()).as("kept, not read").isEqualTo(201);
      assertThat(json(entities).path("warnings").toString()).contains("could not be read");
      assertThat(Http.text(alice.get("/api/assets/" + id))).doesNotContain("aaaaaaaaaa", "root:");

      HttpResponse<byte[]> notSidecar = put(alice, id, "notes.md", "hello");
      assertThat(notSidecar.statusCode()).isEqualTo(415);
      assertThat(Http.text(notSidecar)).contains(".txt", ".json", ".xmp");
      assertThat(put(alice, id, "empty.txt", "").statusCode()).isEqualTo(400);
      assertThat(alice.send("PUT", "/api/assets/" + id + "/sidecars/form.txt", HttpRequest.BodyPublishers
          .ofString(A1111), "Content-Type", "multipart/form-data; boundary=x").statusCode())
          .as("the raw bytes, not a form").isEqualTo(415);
      assertThat(put(alice, "no-such-asset", "a.txt", A1111).statusCode()).isEqualTo(404);
      assertThat(alice.get("/api/assets/" + id + "/sidecars/missing.txt").statusCode()).isEqualTo(404);

      assertThat(storedSidecarObjects()).hasSize(3);
      assertThat(alice.delete("/api/assets/" + id).statusCode()).isEqualTo(204);
      assertThat(storedSidecarObjects()).as("kept while the asset is in the trash").hasSize(3);
      assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
      assertThat(storedSidecarObjects()).as("deleted with the asset").isEmpty();
    }

    @Test
    void aMultipartUploadCarriesSidecarPartsAndTheImagesOwnAiMetadataWins() throws Exception {
      HttpResponse<byte[]> r = multipart("fox.png", Files.readAllBytes(Media.file("photo/exiftool_PNG_xmp.png")),
          Map.of("fox.json", COMFY, "fox.png.xmp", XMP));
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      JsonNode a = json(r);
      assertThat(a.path("sidecars")).hasSize(2);
      assertThat(a.path("metadata").path("ai").path("generator").asText()).isEqualTo("ComfyUI");
      assertThat(a.path("metadata").path("ai").path("seed").asLong()).isEqualTo(42);
      assertThat(a.path("aiPrompt").asText()).contains("red fox");
      assertThat(a.path("metadata").path("xmp").path("rating").asInt()).isEqualTo(4);

      HttpResponse<byte[]> own = multipart("comfy.png", Files.readAllBytes(Media.file("ai/comfyui_sdxl.png")),
          Map.of("comfy.txt", A1111));
      assertThat(own.statusCode()).as(Http.text(own)).isEqualTo(201);
      JsonNode o = json(own);
      assertThat(o.path("sidecars")).as("kept even when not used").hasSize(1);
      assertThat(o.path("metadata").path("ai").path("generator").asText()).isEqualTo("ComfyUI");
      assertThat(o.path("metadata").path("ai").has("source")).as("the image's own metadata stays").isFalse();

      long before = server.catalog().assets().count();
      HttpResponse<byte[]> bad = multipart("other.png", withTail(Media.file("photo/exiftool_PNG_xmp.png")),
          Map.of("other.exe", "MZ"));
      assertThat(bad.statusCode()).isEqualTo(415);
      assertThat(server.catalog().assets().count()).as("refused before anything is stored").isEqualTo(before);

      HttpResponse<byte[]> check = alice.postJson("/api/assets/check", "{\"sidecars\":true,\"sha256\":[\""
          + a.path("sha256").asText() + "\"]}");
      JsonNode c = json(check);
      assertThat(c.path("present")).hasSize(1);
      assertThat(c.path("assets").get(0).path("id").asText()).isEqualTo(a.path("id").asText());
      assertThat(c.path("assets").get(0).path("sidecars")).hasSize(2);
      assertThat(json(alice.postJson("/api/assets/check", "{\"sha256\":[\"" + a.path("sha256").asText() + "\"]}"))
          .has("assets")).as("the answer without sidecars is unchanged").isFalse();
    }

    private String uploadRaw(String media) {
      Path file = Media.file(media);
      HttpResponse<byte[]> r = alice.uploadRaw("/api/assets?filename=" + file.getFileName(), file);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      return json(r).get("id").asText();
    }

    private HttpResponse<byte[]> put(Http client, String id, String name, String content) {
      return client.send("PUT", "/api/assets/" + id + "/sidecars/" + name,
          HttpRequest.BodyPublishers.ofString(content), "Content-Type", "application/octet-stream");
    }

    private HttpResponse<byte[]> multipart(String fileName, byte[] content, Map<String, String> sidecars)
        throws Exception {
      String boundary = "lightbox-sidecar-boundary";
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(content);
      for (Map.Entry<String, String> s : sidecars.entrySet()) {
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"sidecar\"; filename=\""
            + s.getKey() + "\"\r\n\r\n" + s.getValue()).getBytes(StandardCharsets.UTF_8));
      }
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return alice.send("POST", "/api/assets", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
          "Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    private List<Path> storedSidecarObjects() throws Exception {
      List<Path> out = new ArrayList<>();
      try (var files = Files.walk(dir.resolve("data"))) {
        files.filter(p -> p.getFileName().toString().contains(".sidecar-")).forEach(out::add);
      }
      return out;
    }
  }

  static byte[] withTail(Path file) throws Exception {
    byte[] data = Files.readAllBytes(file);
    byte[] out = java.util.Arrays.copyOf(data, data.length + 4);
    System.arraycopy("tail".getBytes(StandardCharsets.US_ASCII), 0, out, data.length, 4);
    return out;
  }
}
