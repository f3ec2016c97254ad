package dev.lightbox.server.library;

import static dev.lightbox.server.library.LibraryFixture.COMFY;
import static dev.lightbox.server.library.LibraryFixture.INVOKE_IMAGE;
import static dev.lightbox.server.library.LibraryFixture.assetNamed;
import static dev.lightbox.server.library.LibraryFixture.assets;
import static dev.lightbox.server.library.LibraryFixture.awaitScan;
import static dev.lightbox.server.library.LibraryFixture.media;
import static dev.lightbox.server.library.LibraryFixture.poll;
import static dev.lightbox.server.library.LibraryFixture.sha256;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A bucket prefix on a real S3 server (S3Proxy) registered as a library in place, its keys in InvokeAI's,
 * genblaze's and comfyui-cloud-storage's layouts: catalogued, kept current by listing, served through the
 * server and by redirect, and never written (the bucket's listing is the same before and after).
 */
class S3LibraryTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy("library-src");

  static BlobStore bucket() {
    return S3BlobStore.open(S3Config.builder().endpoint(s3.endpoint()).region(s3.info().region())
        .bucket(s3.bucket()).credentials(s3.info().accessKey(), s3.info().secretKey()).pathStyle(true).build());
  }

  static void put(BlobStore store, String key, byte[] bytes) {
    store.put(BlobKey.of(key), new ByteArrayInputStream(bytes), bytes.length, PutOptions.builder().build());
  }

  /** Every object of the bucket with its size and ETag. */
  static Map<String, String> listing(BlobStore store) {
    return store.listAll("").collect(Collectors.toMap(o -> o.key().value(), (BlobInfo o) -> o.size() + " " + o.etag(),
        (a, b) -> a, TreeMap::new));
  }

  static String register(Http admin, String prefix) {
    HttpResponse<byte[]> r = admin.postJson("/api/libraries", "{\"kind\":\"s3\",\"name\":\"Bucket outputs\","
        + "\"bucket\":\"" + s3.bucket() + "\",\"prefix\":\"" + prefix + "\",\"endpoint\":\"" + s3.endpoint() + "\","
        + "\"region\":\"" + s3.info().region() + "\",\"pathStyle\":true,\"accessKeyId\":\"" + s3.info().accessKey()
        + "\",\"secretAccessKey\":\"" + s3.info().secretKey() + "\"}");
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
    assertThat(Http.text(r)).doesNotContain(s3.info().secretKey());
    return json(r).get("id").asText();
  }

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void cataloguesABucketPrefixInPlaceAndNoticesNewChangedAndRemovedObjects() throws Exception {
      String prefix = "outputs-" + database + "/";
      Map<String, byte[]> files = LibraryFixture.layouts();
      try (BlobStore store = bucket()) {
        files.forEach((k, v) -> put(store, prefix + k, v));
        put(store, "elsewhere-" + database + "/not-in-the-library.png", media("ai/sdparsers_a1111_1x1.png"));
        Map<String, String> before = listing(store);
        TestServer t = TestServer.on(database, dir).set("LIGHTBOX_S3_SERVE_MODE", "proxy")
            .set("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", "0");
        try (LightboxServer server = t.start()) {
          Http anonymous = new Http(server.baseUri());
          Http admin = Users.admin(anonymous);
          HttpResponse<byte[]> wrong = admin.postJson("/api/libraries", "{\"kind\":\"s3\",\"bucket\":\"no-such-bucket\","
              + "\"endpoint\":\"" + s3.endpoint() + "\",\"pathStyle\":true,\"accessKeyId\":\"" + s3.info().accessKey()
              + "\",\"secretAccessKey\":\"" + s3.info().secretKey() + "\"}");
          assertThat(wrong.statusCode()).as(Http.text(wrong)).isEqualTo(400);
          assertThat(Http.text(wrong)).contains("cannot list").doesNotContain(s3.info().secretKey());

          String id = register(admin, prefix);
          JsonNode scan = awaitScan(admin, id, s -> s.get("catalogued").asLong() == 4).get("lastScan");
          assertThat(scan.get("manifests").asLong()).isEqualTo(2);
          assertThat(scan.get("errors").asLong()).as(scan.toString()).isZero();
          assertThat(scan.get("skipped").get("InvokeAI thumbnail (its image is in images/)").asLong()).isEqualTo(1);
          String all = Http.text(admin.get("/api/libraries"));
          assertThat(all).contains("\"credentials\":\"key pair\"").doesNotContain(s3.info().secretKey(),
              s3.info().accessKey());
          assertThat(assets(admin)).extracting(a -> a.get("fileName").asText())
              .contains("7f3c.png", "ComfyUI_00001_.png").doesNotContain("7f3c.webp", "not-in-the-library.png")
              .hasSize(4);

          String comfyId = assetNamed(admin, "ComfyUI_00001_.png").get("id").asText();
          HttpResponse<byte[]> original = admin.get("/api/assets/" + comfyId + "/original");
          assertThat(original.statusCode()).isEqualTo(200);
          assertThat(original.body()).isEqualTo(files.get(COMFY));
          HttpResponse<byte[]> range = admin.get("/api/assets/" + comfyId + "/original", "Range", "bytes=5-14");
          assertThat(range.statusCode()).isEqualTo(206);
          assertThat(range.body()).isEqualTo(Arrays.copyOfRange(files.get(COMFY), 5, 15));
          assertThat(admin.get("/api/assets/" + comfyId + "/thumbnail").statusCode()).isEqualTo(200);
          assertThat(listing(store)).as("nothing was written into the bucket").isEqualTo(before);

          byte[] changed = media("ai/sdparsers_a1111_1x1.png");
          put(store, prefix + COMFY, changed);
          String invokeId = assetNamed(admin, "7f3c.png").get("id").asText();
          store.delete(BlobKey.of(prefix + INVOKE_IMAGE));
          put(store, prefix + "comfyui/images/2026-02/ComfyUI_00002_.png", media("photo/immich_denali.webp"));
          Map<String, String> changedListing = listing(store);
          admin.send("POST", "/api/libraries/" + id + "/rescan", HttpRequest.BodyPublishers.noBody());
          poll(() -> json(admin.get("/api/assets/" + comfyId)), a -> a.get("sha256").asText().equals(sha256(changed)),
              "the changed object's new hash");
          poll(() -> json(admin.get("/api/assets/" + invokeId)), a -> a.get("offline").asBoolean(), "offline");
          poll(() -> admin.get("/api/assets/" + invokeId + "/original"), r -> r.statusCode() == 410, "410");
          assertThat(assetNamed(admin, "ComfyUI_00002_.png").get("offline").asBoolean()).isFalse();
          assertThat(listing(store)).isEqualTo(changedListing);

          assertThat(admin.delete("/api/libraries/" + id).statusCode()).isEqualTo(204);
          assertThat(assets(admin)).isEmpty();
          assertThat(listing(store)).isEqualTo(changedListing);
        }
      }
    }
  }

  @Test
  void redirectModeHandsOutAUrlOfTheLibrarysBucket(@TempDir Path dir) throws Exception {
    String prefix = "redirect/";
    byte[] bytes = media("photo/immich_density_plot.png");
    try (BlobStore store = bucket()) {
      put(store, prefix + "comfyui/images/2026-03/ComfyUI_00003_.png", bytes);
      TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_S3_SERVE_MODE", "redirect");
      try (LightboxServer server = t.start()) {
        Http admin = Users.admin(new Http(server.baseUri()));
        register(admin, prefix);
        JsonNode asset = poll(() -> assets(admin), a -> a.size() == 1, "the object catalogued").getFirst();
        HttpResponse<byte[]> r = admin.get("/api/assets/" + asset.get("id").asText() + "/original");
        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(s3.endpoint().toString()).contains("X-Amz-Signature");
        HttpResponse<byte[]> fetched = new Http(location).get(location.toString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(bytes);
        assertThat(admin.get("/api/assets/" + asset.get("id").asText() + "/thumbnail").statusCode())
            .as("renditions are in the server's own store").isEqualTo(200);
      }
    }
  }
}
