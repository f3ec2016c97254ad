package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.BrowserPage;
import dev.lightbox.server.testing.Chromium;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.HttpsS3Proxy;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.ForwardingBlobStore;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery in S3 redirect mode with a provider preset and no endpoint (R2 here), in a real headless
 * Chromium: every thumbnail and the preview come from presigned URLs on the provider's host, which the page's
 * Content-Security-Policy must allow. The browser resolves that host to an HTTPS S3Proxy on loopback; the
 * server's own requests reach the same bucket over plain HTTP, while its presigned URLs are made by a store
 * opened from the server's configuration, so they are exactly what the preset gives in production.
 */
class S3RedirectGalleryBrowserTest {
  private static final String ACCOUNT = "abc123";
  private static final String PROVIDER_HOST = ACCOUNT + ".r2.cloudflarestorage.com";
  private static final String BUCKET = "photos";
  private static final List<String> IMAGES = List.of("photo/immich_density_plot.png",
      "photo/orient_Landscape_0_notag.jpg", "photo/immich_denali.webp", "photo/exiftool_Apple_iPhone7_8x8.jpg");
  private static final String TILES = "document.querySelectorAll('#grid button.tile').length";

  @TempDir
  Path dir;

  @Test
  void thumbnailsAndPreviewsFromAPresetsPresignedUrlsLoadWithoutAPolicyViolation() throws Exception {
    Path chromium = Chromium.find();
    assumeTrue(chromium != null, "Chromium is not installed (apt-get install -y chromium): the browser test of"
        + " the gallery in S3 redirect mode is skipped");
    List<Path> images = IMAGES.stream().map(Media::file).toList();
    try (HttpsS3Proxy s3 = HttpsS3Proxy.start(Files.createDirectories(dir.resolve("s3")), PROVIDER_HOST, BUCKET)) {
      TestServer t = TestServer.on(TestDatabases.SQLITE, dir)
          .media(MediaProcessors.create(MediaConfig.defaults(dir.resolve("media-tmp"))))
          .set("LIGHTBOX_STORAGE_BACKEND", "s3").set("LIGHTBOX_S3_SERVE_MODE", "redirect")
          .set("LIGHTBOX_S3_PRESET", "r2").set("LIGHTBOX_S3_ACCOUNT_ID", ACCOUNT).set("LIGHTBOX_S3_BUCKET", BUCKET)
          .set("LIGHTBOX_S3_ACCESS_KEY_ID", s3.accessKey()).set("LIGHTBOX_S3_SECRET_ACCESS_KEY", s3.secretKey())
          .set("LIGHTBOX_CACHE_SIZE", "0"); // every image a redirect, none served from the server's memory
      S3Config production = t.config().s3();
      assertThat(production.endpoint()).hasToString("https://" + PROVIDER_HOST);
      t.store(StorageBackend.S3, new PresignedAsConfigured(s3, production));
      List<String> switches = List.of("--host-resolver-rules=MAP " + PROVIDER_HOST + " 127.0.0.1:" + s3.httpsPort(),
          "--ignore-certificate-errors");
      try (LightboxServer server = t.start();
          Chromium browser = Chromium.launch(chromium, Files.createDirectories(dir.resolve("chromium")), switches)) {
        Http admin = Users.admin(new Http(server.baseUri()));
        String firstId = null;
        for (Path image : images) {
          HttpResponse<byte[]> up = admin.uploadRaw("/api/assets?filename=" + image.getFileName(), image);
          assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
          firstId = firstId == null ? json(up).get("id").asText() : firstId;
        }
        HttpResponse<byte[]> thumbnail = admin.get("/api/assets/" + firstId + "/thumbnail");
        assertThat(thumbnail.statusCode()).as("a redirect, not bytes").isEqualTo(302);
        assertThat(thumbnail.headers().firstValue("Location").orElseThrow())
            .startsWith("https://" + PROVIDER_HOST + "/" + BUCKET + "/");

        BrowserPage page = browser.newPage();
        page.navigate(server.baseUri() + "/");
        page.eval("(() => { window.violations = []; document.addEventListener('securitypolicyviolation',"
            + " e => window.violations.push(e.violatedDirective + ' blocked ' + e.blockedURI)); })()");
        page.waitFor("document.activeElement.id === 'login-email'", "the login form");
        page.type(TestServer.ADMIN_EMAIL);
        page.focus("#login-password");
        page.type(TestServer.ADMIN_PASSWORD);
        page.press("Enter");
        page.waitFor(TILES + " === " + images.size(), "a tile per uploaded image");
        page.waitFor("[...document.querySelectorAll('#grid img')].every(img => img.complete)", "the thumbnails");
        JsonNode widths = page.eval("[...document.querySelectorAll('#grid img')].map(img => img.naturalWidth)");
        assertThat(widths).as("decoded thumbnails; violations " + page.eval("window.violations") + ", problems "
            + browser.problems()).hasSize(images.size()).allSatisfy(w -> assertThat(w.asInt()).isPositive());

        page.click("#grid button.tile");
        int previewWidth = page.waitFor("(() => { const img = document.getElementById('detail-image');"
            + " return document.getElementById('detail').open && img.complete && img.currentSrc"
            + " && (img.naturalWidth || -1); })()", "the preview to load or fail").asInt();
        assertThat(previewWidth).as("a decoded preview; problems " + browser.problems()).isPositive();

        assertThat(page.eval("window.violations")).as("Content-Security-Policy violations").isEmpty();
        assertThat(browser.problems()).as("blocked or failed loads, script errors; chromium log:\n" + browser.log())
            .isEmpty();
      }
    }
  }

  /**
   * The bucket reached over S3Proxy's plain HTTP port, with the presigned URLs of a store opened from the
   * server's own configuration (presigning is local, so that store never needs the provider's host).
   */
  private static final class PresignedAsConfigured extends ForwardingBlobStore {
    private final S3BlobStore signer;

    PresignedAsConfigured(HttpsS3Proxy s3, S3Config production) {
      super(S3BlobStore.open(S3Config.builder().endpoint(s3.httpEndpoint()).bucket(BUCKET)
          .credentials(s3.accessKey(), s3.secretKey()).build()));
      this.signer = S3BlobStore.open(production);
    }

    @Override
    public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
      return signer.presignGet(key, request);
    }

    @Override
    public void close() {
      try (signer) {
        super.close();
      }
    }
  }
}
