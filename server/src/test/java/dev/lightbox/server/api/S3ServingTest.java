package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Serving from a real S3 server (S3Proxy in-process): redirect and proxy modes, and a change of write backend. */
class S3ServingTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();

  static TestServer withS3(TestServer t, String backend, String mode, String prefix) {
    return t.set("LIGHTBOX_STORAGE_BACKEND", backend).s3(s3, s3.bucket())
        .set("LIGHTBOX_S3_PREFIX", prefix).set("LIGHTBOX_S3_SERVE_MODE", mode);
  }

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void redirectModeSendsAPresignedUrlThatServesTheBytesWithTypeAndName() throws Exception {
      Path file = Media.file("photo/immich_density_plot.png");
      byte[] bytes = Files.readAllBytes(file);
      TestServer t = withS3(TestServer.on(database, dir), "s3", "redirect", "redirect-" + database + "/");
      try (LightboxServer server = t.start()) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        HttpResponse<byte[]> up = alice.uploadRaw("/api/assets?filename=plot%20%C3%A9.png", file);
        assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
        String id = json(up).get("id").asText();

        HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, no-cache, no-transform");
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(s3.endpoint().toString()).contains("X-Amz-Signature");

        HttpResponse<byte[]> fetched = new Http(location).get(location.toString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(bytes);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fetched.headers().firstValue("Content-Disposition")).hasValueSatisfying(
            v -> assertThat(v).contains("filename*=UTF-8''plot%20%C3%A9.png"));
        HttpResponse<byte[]> ranged = new Http(location).get(location.toString(), "Range", "bytes=10-19");
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(bytes, 10, 20));

        // A URL is reused for a while (signing is most of a redirect's cost), per disposition; the repeat
        // takes the I/O-thread fast path and answers exactly like the full route did.
        HttpResponse<byte[]> again = alice.get("/api/assets/" + id + "/original");
        assertThat(again.statusCode()).isEqualTo(302);
        var firstHeaders = new java.util.TreeMap<>(r.headers().map());
        var againHeaders = new java.util.TreeMap<>(again.headers().map());
        firstHeaders.remove("date");
        againHeaders.remove("date");
        assertThat(againHeaders).isEqualTo(firstHeaders).containsKeys("etag", "last-modified", "location");
        URI download = URI.create(alice.get("/api/assets/" + id + "/original?download=1").headers()
            .firstValue("Location").orElseThrow());
        assertThat(download).isNotEqualTo(location);
        assertThat(new Http(download).get(download.toString()).headers().firstValue("Content-Disposition"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        t.clock().advance(java.time.Duration.ofMinutes(6));
        HttpResponse<byte[]> later = alice.get("/api/assets/" + id + "/original");
        assertThat(later.statusCode()).isEqualTo(302);
        assertThat(new Http(location).get(later.headers().firstValue("Location").orElseThrow()).body())
            .isEqualTo(bytes);

        Http bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
        HttpResponse<byte[]> other = bob.get("/api/assets/" + id + "/original");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Location")).isEmpty();
        assertThat(Http.text(other)).doesNotContain("X-Amz");
      }
    }

    @Test
    void proxyModeStreamsWithRangesPassedThrough() throws Exception {
      Path file = Media.file("photo/immich_motog9_4640x3472.jpg");
      byte[] bytes = Files.readAllBytes(file);
      TestServer t = withS3(TestServer.on(database, dir), "s3", "proxy", "proxy-" + database + "/");
      try (LightboxServer server = t.start()) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        HttpResponse<byte[]> up = alice.uploadRaw("/api/assets?filename=moto.jpg", file);
        assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
        String id = json(up).get("id").asText();
        HttpResponse<byte[]> whole = alice.get("/api/assets/" + id + "/original");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        int n = bytes.length;
        for (int[] range : new int[][] {{0, 0}, {100, 70_000}, {n - 1, n - 1}, {n / 2, n - 1}}) {
          HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original", "Range",
              "bytes=" + range[0] + "-" + range[1]);
          assertThat(r.statusCode()).isEqualTo(206);
          assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes " + range[0] + "-" + range[1] + "/" + n);
          assertThat(r.body()).isEqualTo(Arrays.copyOfRange(bytes, range[0], range[1] + 1));
        }
        HttpResponse<byte[]> suffix = alice.get("/api/assets/" + id + "/original", "Range", "bytes=-123");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, n - 123, n));
        assertThat(alice.get("/api/assets/" + id + "/original", "Range", "bytes=" + n + "-").statusCode())
            .isEqualTo(416);
        HttpResponse<byte[]> thumb = alice.get("/api/assets/" + id + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/webp");
      }
    }

    @Test
    void anAssetMovedBehindTheServersBackIsStillServed() throws Exception {
      byte[] bytes = Files.readAllBytes(Media.file("photo/immich_denali.webp"));
      TestServer t = withS3(TestServer.on(database, dir), "disk", "proxy", "moved-" + database + "/");
      try (LightboxServer server = t.start();
          var s3Store = dev.lightbox.server.storage.S3Stores.open(t.config().s3());
          var diskStore = dev.lightbox.storage.disk.DiskBlobStore.open(t.config().diskRoot())) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        String id = json(alice.uploadMultipart("denali.webp", bytes)).get("id").asText();
        assertThat(alice.get("/api/assets/" + id + "/original").body()).isEqualTo(bytes); // now cached
        var asset = server.catalog().assets().findById(id).orElseThrow();
        var from = asset.originalLocation();
        var to = new dev.lightbox.server.assets.Location(dev.lightbox.server.config.StorageBackend.S3, from.key());
        s3Store.put(to.key(), diskStore.fileOf(from.key()), dev.lightbox.storage.PutOptions.DEFAULTS);
        assertThat(server.catalog().assets().switchLocation(id, dev.lightbox.server.assets.ObjectKind.ORIGINAL,
            asset.version(), to)).isTrue();
        diskStore.delete(from.key());
        HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/original", "Range", "bytes=0-99");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(bytes, 0, 100));
        assertThat(alice.get("/api/assets/" + id + "/original").body()).isEqualTo(bytes);
        s3Store.delete(to.key());
        HttpResponse<byte[]> gone = alice.get("/api/assets/" + id + "/original");
        assertThat(gone.statusCode()).isEqualTo(500);
        assertThat(Http.text(gone)).contains("missing from storage").doesNotContain("X-Amz", "Signature");
      }
    }

    @Test
    void changingTheWriteBackendKeepsServingOldAssetsFromWhereTheyAre() throws Exception {
      byte[] onDisk = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      byte[] inS3 = Files.readAllBytes(Media.file("photo/immich_density_plot.png"));
      TestServer t = withS3(TestServer.on(database, dir), "disk", "proxy", "switch-" + database + "/");
      String diskId;
      String apiKeyHeader;
      try (LightboxServer server = t.start()) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        apiKeyHeader = alice.get("/api/me").request().headers().firstValue("x-api-key").orElseThrow();
        HttpResponse<byte[]> up = alice.uploadMultipart("old.jpg", onDisk);
        assertThat(up.statusCode()).isEqualTo(201);
        diskId = json(up).get("id").asText();
      }
      assertThat(Files.walk(dir.resolve("data/storage/library")).filter(Files::isRegularFile).count()).isEqualTo(1);
      for (String mode : new String[] {"proxy", "redirect"}) {
        t.set("LIGHTBOX_STORAGE_BACKEND", "s3").set("LIGHTBOX_S3_SERVE_MODE", mode);
        try (LightboxServer server = t.start()) {
          Http alice = new Http(server.baseUri()).with("x-api-key", apiKeyHeader);
          HttpResponse<byte[]> old = alice.get("/api/assets/" + diskId + "/original");
          assertThat(old.statusCode()).as("disk asset is streamed in " + mode + " mode").isEqualTo(200);
          assertThat(old.body()).isEqualTo(onDisk);
          if (mode.equals("proxy")) {
            HttpResponse<byte[]> up = alice.uploadMultipart("new.png", inS3);
            assertThat(up.statusCode()).isEqualTo(201);
            String s3Id = json(up).get("id").asText();
            assertThat(alice.get("/api/assets/" + s3Id + "/original").body()).isEqualTo(inS3);
          }
        }
      }
      t.set("LIGHTBOX_STORAGE_BACKEND", "disk").set("LIGHTBOX_S3_SERVE_MODE", "proxy");
      try (LightboxServer server = t.start()) {
        Http alice = new Http(server.baseUri()).with("x-api-key", apiKeyHeader);
        HttpResponse<byte[]> list = alice.get("/api/assets");
        assertThat(json(list).get("items")).hasSize(2);
        for (var item : json(list).get("items")) {
          HttpResponse<byte[]> r = alice.get(item.get("links").get("original").asText());
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).isEqualTo(item.get("fileName").asText().equals("old.jpg") ? onDisk : inS3);
        }
      }
      t.set("LIGHTBOX_S3_BUCKET", "");
      org.assertj.core.api.Assertions.assertThatThrownBy(t::start)
          .hasMessageContaining("objects in s3 storage, which is not configured");
    }
  }
}
