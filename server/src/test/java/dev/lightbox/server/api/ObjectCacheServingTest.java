package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.storage.S3Stores;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.S3ProxyServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * The in-memory cache of small objects over real HTTP, in S3 proxy mode behind a recording proxy (which
 * counts what reaches the bucket) and in disk mode: hits never reach the store, ownership is still checked
 * on every request, ranges and mismatching bytes always go to the store, size 0 keeps nothing, and the
 * byte bound holds.
 */
class ObjectCacheServingTest {
  static S3ProxyServer s3;
  static RecordingProxy wire;

  @BeforeAll
  static void startS3() {
    s3 = S3ProxyServer.start();
    wire = RecordingProxy.start(s3.endpoint());
  }

  @AfterAll
  static void stopS3() {
    wire.close();
    s3.close();
  }

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    TestServer proxyMode(String prefix) {
      return TestServer.on(database, dir).set("LIGHTBOX_STORAGE_BACKEND", "s3")
          .set("LIGHTBOX_S3_BUCKET", s3.bucket()).set("LIGHTBOX_S3_ENDPOINT", wire.endpoint().toString())
          .set("LIGHTBOX_S3_REGION", s3.info().region()).set("LIGHTBOX_S3_ACCESS_KEY_ID", s3.info().accessKey())
          .set("LIGHTBOX_S3_SECRET_ACCESS_KEY", s3.info().secretKey())
          .set("LIGHTBOX_S3_PREFIX", prefix + "-" + database + "/").set("LIGHTBOX_S3_SERVE_MODE", "proxy");
    }

    /** A real photo with a random tail, so that each upload is a new asset. */
    static byte[] photo() throws Exception {
      byte[] base = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
      byte[] out = Arrays.copyOf(base, base.length + 16);
      byte[] tail = new byte[16];
      ThreadLocalRandom.current().nextBytes(tail);
      System.arraycopy(tail, 0, out, base.length, 16);
      return out;
    }

    static String upload(Http user, byte[] photo) {
      HttpResponse<byte[]> up = user.uploadMultipart("photo.jpg", photo);
      assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
      return json(up).get("id").asText();
    }

    static Location thumbnail(LightboxServer server, String id) {
      return server.catalog().assets().findById(id).orElseThrow().renditions().get(RenditionKind.THUMBNAIL)
          .location();
    }

    static String catalogSha(LightboxServer server, String id) {
      return server.catalog().assets().findById(id).orElseThrow().renditions().get(RenditionKind.THUMBNAIL).sha256();
    }

    /** GETs of this object that reached the bucket, and whether each carried a Range. */
    static long bucketGets(Location location, boolean ranged) {
      return wire.requests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/"
          + location.key().value()) && r.hasHeader("range") == ranged).count();
    }

    static long metric(Http anonymous, String name) {
      Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(Http.text(anonymous.get("/metrics",
          TestServer.METRICS_AUTHORIZATION)));
      assertThat(m.find()).as(name).isTrue();
      return Long.parseLong(m.group(1));
    }

    @Test
    void aThumbnailComesFromTheBucketOnceThenFromMemory() throws Exception {
      try (LightboxServer server = proxyMode("hits").start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        String id = upload(alice, photo());
        Location thumb = thumbnail(server, id);
        wire.clear();
        for (String query : new String[] {"", "", "", "?download=1"}) { // the last takes the full route
          HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/thumbnail" + query);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(Sha256.hex(r.body())).isEqualTo(catalogSha(server, id));
          assertThat(r.headers().firstValue("ETag")).hasValue("\"" + catalogSha(server, id) + "\"");
          assertThat(r.headers().firstValue("Content-Type")).hasValue("image/webp");
        }
        assertThat(bucketGets(thumb, false)).isEqualTo(1);
        assertThat(metric(anonymous, "lightbox_object_cache_misses_total")).isEqualTo(1);
        assertThat(metric(anonymous, "lightbox_object_cache_hits_total")).isEqualTo(3);
        assertThat(metric(anonymous, "lightbox_object_cache_bytes")).isGreaterThan(0);
      }
    }

    @Test
    void ownershipIsCheckedOnEveryRequestAndADeletedAssetIsGone() throws Exception {
      try (LightboxServer server = proxyMode("owner").start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        Http bob = Users.userWithApiKey(anonymous, "bob@example.com");
        String id = upload(alice, photo());
        assertThat(alice.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(200);
        assertThat(alice.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(200); // from memory
        assertThat(bob.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(401);
        assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
        HttpResponse<byte[]> gone = alice.get("/api/assets/" + id + "/thumbnail");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      }
    }

    @Test
    void rangesAndConditionalRequestsBypassTheCache() throws Exception {
      try (LightboxServer server = proxyMode("range").start()) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        String id = upload(alice, photo());
        Location thumb = thumbnail(server, id);
        byte[] whole = alice.get("/api/assets/" + id + "/thumbnail").body();
        wire.clear();
        assertThat(alice.get("/api/assets/" + id + "/thumbnail").body()).isEqualTo(whole);
        HttpResponse<byte[]> part = alice.get("/api/assets/" + id + "/thumbnail", "Range", "bytes=10-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-99/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 10, 100));
        assertThat(bucketGets(thumb, true)).as("the range went to the bucket").isEqualTo(1);
        assertThat(bucketGets(thumb, false)).as("the whole object came from memory").isZero();
        String etag = "\"" + catalogSha(server, id) + "\"";
        assertThat(alice.get("/api/assets/" + id + "/thumbnail", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(alice.get("/api/assets/" + id + "/thumbnail", "If-None-Match", "\"other\"").body()).isEqualTo(whole);
        assertThat(alice.head("/api/assets/" + id + "/thumbnail").headers().firstValue("Content-Length"))
            .hasValue(String.valueOf(whole.length));
        assertThat(bucketGets(thumb, false)).isZero();
      }
    }

    @Test
    void bytesThatDoNotMatchTheCatalogAreNeverKept() throws Exception {
      TestServer t = proxyMode("mismatch");
      try (LightboxServer server = t.start(); var store = S3Stores.open(t.config().s3())) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        String id = upload(alice, photo());
        Location thumb = thumbnail(server, id);
        int size = (int) store.head(thumb.key()).size();
        byte[] replaced = new byte[size];
        ThreadLocalRandom.current().nextBytes(replaced);
        Path file = dir.resolve("replaced.bin");
        Files.write(file, replaced);
        store.put(thumb.key(), file, PutOptions.DEFAULTS); // behind the server's back: the catalog hash differs
        wire.clear();
        for (int i = 0; i < 3; i++) {
          assertThat(alice.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(200);
        }
        assertThat(bucketGets(thumb, false)).as("every GET read the bucket").isEqualTo(3);
      }
    }

    @Test
    void aCacheOfSizeZeroKeepsNothing() throws Exception {
      try (LightboxServer server = proxyMode("off").set("LIGHTBOX_CACHE_SIZE", "0").start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        String id = upload(alice, photo());
        Location thumb = thumbnail(server, id);
        wire.clear();
        for (int i = 0; i < 3; i++) {
          HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/thumbnail");
          assertThat(Sha256.hex(r.body())).isEqualTo(catalogSha(server, id));
        }
        assertThat(bucketGets(thumb, false)).isEqualTo(3);
        assertThat(metric(anonymous, "lightbox_object_cache_hits_total")).isZero();
        assertThat(metric(anonymous, "lightbox_object_cache_bytes")).isZero();
      }
    }

    @Test
    void theByteBoundHoldsAndOldEntriesAreEvicted() throws Exception {
      long capacity = 32 * 1024; // the stub's thumbnails are about 3 KB: some ten fit
      try (LightboxServer server = proxyMode("bound").set("LIGHTBOX_CACHE_SIZE", "32KB").start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        String[] ids = new String[16];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = upload(alice, photo());
        }
        wire.clear();
        for (int round = 0; round < 2; round++) {
          for (String id : ids) {
            HttpResponse<byte[]> r = alice.get("/api/assets/" + id + "/thumbnail");
            assertThat(Sha256.hex(r.body())).isEqualTo(catalogSha(server, id));
            assertThat(metric(anonymous, "lightbox_object_cache_bytes")).isBetween(1L, capacity);
          }
        }
        long misses = metric(anonymous, "lightbox_object_cache_misses_total");
        assertThat(misses).as("the second round missed what was evicted").isGreaterThan(ids.length);
        assertThat(metric(anonymous, "lightbox_object_cache_hits_total") + misses).isEqualTo(2L * ids.length);
      }
    }

    @Test
    void diskModeServesRepeatedThumbnailsFromMemoryToo() throws Exception {
      try (LightboxServer server = TestServer.on(database, dir).start()) {
        Http anonymous = new Http(server.baseUri());
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        String id = upload(alice, photo());
        byte[] first = alice.get("/api/assets/" + id + "/thumbnail").body();
        for (int i = 0; i < 3; i++) {
          assertThat(alice.get("/api/assets/" + id + "/thumbnail").body()).isEqualTo(first);
        }
        assertThat(Sha256.hex(first)).isEqualTo(catalogSha(server, id));
        assertThat(metric(anonymous, "lightbox_object_cache_misses_total")).isEqualTo(1);
        assertThat(metric(anonymous, "lightbox_object_cache_hits_total")).isEqualTo(3);
        HttpResponse<byte[]> part = alice.get("/api/assets/" + id + "/thumbnail", "Range", "bytes=0-9");
        assertThat(part.body()).isEqualTo(Arrays.copyOf(first, 10));
      }
    }
  }
}
