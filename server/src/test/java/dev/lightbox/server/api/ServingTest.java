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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Upload of real files, then serving with ranges and conditional requests checked byte for byte. */
class ServingTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    LightboxServer server;
    Http alice;
    byte[] original;
    String id;

    @BeforeEach
    void start() throws Exception {
      server = TestServer.on(database, dir).start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      Path file = Media.file("photo/immich_prairie_falcon_canonR5_gps.jpg");
      original = Files.readAllBytes(file);
      HttpResponse<byte[]> r = alice.uploadRaw("/api/assets?filename=falcon.jpg", file);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      id = json(r).get("id").asText();
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void servesTheWholeOriginalWithItsHeaders() {
      HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(original);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(original.length));
      assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
      assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]{64}\""));
      assertThat(r.headers().firstValue("Last-Modified")).isPresent();
      assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"falcon.jpg\"");
    }

    @Test
    void servesSingleRangesByteForByte() {
      int n = original.length;
      assertRange("bytes=0-0", 0, 0);
      assertRange("bytes=0-99", 0, 99);
      assertRange("bytes=1000-", 1000, n - 1);
      assertRange("bytes=-500", n - 500, n - 1);
      assertRange("bytes=" + (n - 10) + "-" + (n + 1000), n - 10, n - 1);
      assertRange("bytes=-" + (n + 5), 0, n - 1);
    }

    private void assertRange(String header, int first, int last) {
      HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original", "Range", header);
      assertThat(r.statusCode()).as(header).isEqualTo(206);
      assertThat(r.headers().firstValue("Content-Range")).as(header)
          .hasValue("bytes " + first + "-" + last + "/" + original.length);
      assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(last - first + 1));
      assertThat(r.body()).as(header).isEqualTo(Arrays.copyOfRange(original, first, last + 1));
    }

    @Test
    void answersUnsatisfiableRangesWith416AndIgnoresOnesItDoesNotServe() {
      HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original", "Range", "bytes=" + original.length + "-");
      assertThat(r.statusCode()).isEqualTo(416);
      assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */" + original.length);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      HttpResponse<byte[]> zeroSuffix = alice.get("/api/assets/" + id + "/original", "Range", "bytes=-0");
      assertThat(zeroSuffix.statusCode()).as("the last 0 bytes select nothing").isEqualTo(416);
      assertThat(zeroSuffix.headers().firstValue("Content-Range")).hasValue("bytes */" + original.length);
      for (String ignored : new String[] {"bytes=0-1,5-6", "bytes=9-2", "items=0-5", "bytes=abc"}) {
        HttpResponse<byte[]> full = alice.get("/api/assets/" + id + "/original", "Range", ignored);
        assertThat(full.statusCode()).as(ignored).isEqualTo(200);
        assertThat(full.body()).isEqualTo(original);
      }
    }

    @Test
    void answersConditionalRequestsAndHead() {
      HttpResponse<byte[]> first = alice.get("/api/assets/" + id + "/original");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
      HttpResponse<byte[]> notModified = alice.get("/api/assets/" + id + "/original", "If-None-Match", etag);
      assertThat(notModified.statusCode()).isEqualTo(304);
      assertThat(notModified.body()).isEmpty();
      assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
      assertThat(alice.get("/api/assets/" + id + "/original", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
      assertThat(alice.get("/api/assets/" + id + "/original", "If-Modified-Since", lastModified).statusCode())
          .isEqualTo(304);
      assertThat(alice.get("/api/assets/" + id + "/original", "If-None-Match", "\"other\"").statusCode())
          .isEqualTo(200);
      assertThat(alice.get("/api/assets/" + id + "/original", "If-Match", "\"other\"").statusCode()).isEqualTo(412);
      HttpResponse<byte[]> ifRangeStale = alice.get("/api/assets/" + id + "/original", "Range", "bytes=0-9",
          "If-Range", "\"stale\"");
      assertThat(ifRangeStale.statusCode()).isEqualTo(200);
      assertThat(ifRangeStale.body()).isEqualTo(original);
      HttpResponse<byte[]> ifRangeFresh = alice.get("/api/assets/" + id + "/original", "Range", "bytes=0-9",
          "If-Range", etag);
      assertThat(ifRangeFresh.statusCode()).isEqualTo(206);
      assertThat(ifRangeFresh.body()).isEqualTo(Arrays.copyOfRange(original, 0, 10));

      HttpResponse<byte[]> head = alice.head("/api/assets/" + id + "/original");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(original.length));
      HttpResponse<byte[]> headRange = alice.head("/api/assets/" + id + "/original", "Range", "bytes=5-9");
      assertThat(headRange.statusCode()).isEqualTo(206);
      assertThat(headRange.headers().firstValue("Content-Range")).hasValue("bytes 5-9/" + original.length);
    }

    @Test
    void aRepeatedSmallGetAnswersExactlyLikeTheFirst() throws Exception {
      // The first GET loads the caches through the full route; the next ones take the I/O-thread fast path.
      byte[] small = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      String smallId = json(alice.uploadMultipart("small.jpg", small)).get("id").asText();
      Http session = Users.login(new Http(server.baseUri()), "alice@example.com", "password-alice@example.com");
      for (Http client : new Http[] {alice, session}) {
        for (String kind : new String[] {"original", "thumbnail"}) {
          HttpResponse<byte[]> first = client.get("/api/assets/" + smallId + "/" + kind);
          HttpResponse<byte[]> second = client.get("/api/assets/" + smallId + "/" + kind);
          assertThat(second.statusCode()).isEqualTo(200);
          assertThat(second.body()).isEqualTo(first.body());
          var a = new java.util.TreeMap<>(first.headers().map());
          var b = new java.util.TreeMap<>(second.headers().map());
          a.remove("date");
          b.remove("date");
          assertThat(b).isEqualTo(a);
        }
      }
      assertThat(alice.get("/api/assets/" + smallId + "/original").body()).isEqualTo(small);
      Http bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
      assertThat(bob.get("/api/assets/" + smallId + "/original").statusCode()).isEqualTo(404);
      assertThat(new Http(server.baseUri()).with("x-api-key", "lbk_wrong").get("/api/assets/" + smallId + "/original")
          .statusCode()).isEqualTo(401);
      assertThat(alice.delete("/api/assets/" + smallId + "?permanent=true").statusCode()).isEqualTo(204);
      assertThat(alice.get("/api/assets/" + smallId + "/original").statusCode()).isEqualTo(404);
    }

    @Test
    void aRepeatedConditionalGetAnswersExactlyLikeTheFirst() throws Exception {
      // The first of each pair reads the asset row through the full route; the second is planned from memory.
      byte[] photo = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      for (String name : new String[] {"If-None-Match", "If-Match", "If-Modified-Since"}) {
        byte[] small = Arrays.copyOf(photo, photo.length + 8); // a new asset each time: a tail after the image
        small[photo.length] = (byte) name.length();
        String etag = "\"" + dev.lightbox.storage.internal.Sha256.hex(small) + "\"";
        String[] header = {name, name.equals("If-Match") ? "\"other\"" : name.equals("If-None-Match") ? etag
            : "Thu, 01 Jan 1970 00:00:00 GMT"};
        String smallId = json(alice.uploadMultipart("small.jpg", small)).get("id").asText();
        HttpResponse<byte[]> first = alice.get("/api/assets/" + smallId + "/original", header);
        HttpResponse<byte[]> second = alice.get("/api/assets/" + smallId + "/original", header);
        assertThat(first.statusCode()).as(name).isEqualTo(name.equals("If-None-Match") ? 304
            : name.equals("If-Match") ? 412 : 200);
        assertThat(second.statusCode()).isEqualTo(first.statusCode());
        assertThat(second.body()).isEqualTo(first.body());
        var a = new java.util.TreeMap<>(first.headers().map());
        var b = new java.util.TreeMap<>(second.headers().map());
        a.remove("date");
        b.remove("date");
        assertThat(b).as(header[0] + ": " + header[1]).isEqualTo(a).containsKeys("etag", "last-modified");
      }
    }

    @Test
    void servesRenditionsWithTheirOwnTypeAndNonAsciiNames() throws Exception {
      Path file = Media.file("photo/immich_picasa_tags.jpg");
      HttpResponse<byte[]> r = alice.uploadMultipart("café ☕ \"x\".jpg", Files.readAllBytes(file));
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      JsonNode asset = json(r);
      String thumbUrl = asset.get("links").get("thumbnail").asText();
      HttpResponse<byte[]> thumb = alice.get(thumbUrl);
      assertThat(thumb.statusCode()).isEqualTo(200);
      assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/webp");
      assertThat(thumb.headers().firstValue("Content-Disposition")).hasValue(
          "inline; filename=\"caf_ _ _x_-thumbnail.webp\"; filename*=UTF-8''caf%C3%A9%20%E2%98%95%20%22x%22-thumbnail.webp");
      assertThat(new String(thumb.body(), 0, 10, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("THUMBNAIL:");
      HttpResponse<byte[]> download = alice.get(asset.get("links").get("original").asText() + "?download=1");
      assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
          v -> assertThat(v).startsWith("attachment; "));
      assertThat(download.body()).isEqualTo(Files.readAllBytes(file));
    }
  }
}
