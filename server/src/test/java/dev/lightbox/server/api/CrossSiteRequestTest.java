package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15.2: a state-changing request with the session cookie is refused (403, problem+json) when a browser
 * says it came from another page's origin (Sec-Fetch-Site), or, without that header, when its Origin or
 * Referer is not the server's own; the session and the library stay as they were. API keys and clients that
 * send neither header are unaffected, and the gallery's own requests still work.
 */
class CrossSiteRequestTest {
  @TempDir
  Path dir;
  LightboxServer server;
  Http anonymous;
  Http admin;
  String own;
  String otherPort;
  byte[] photo;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.on(TestDatabases.SQLITE, dir).start();
    anonymous = new Http(server.baseUri());
    admin = Users.admin(anonymous);
    own = "http://" + server.baseUri().getHost() + ":" + server.baseUri().getPort();
    otherPort = "http://" + server.baseUri().getHost() + ":" + (server.baseUri().getPort() == 65535 ? 1 : 65535);
    photo = Files.readAllBytes(Media.file("photo/immich_mongolels_rating.jpg"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void crossSiteAndSameSiteFetchesAreRefusedAndChangeNothing() {
    for (String site : new String[] {"cross-site", "same-site"}) {
      Http page = admin.with("Sec-Fetch-Site", site).with("Origin", otherPort);
      assertRefused(page.uploadMultipart("photo.jpg", photo), "Sec-Fetch-Site: " + site);
      assertRefused(page.send("POST", "/api/auth/logout", HttpRequest.BodyPublishers.noBody()), site);
      assertRefused(page.postJson("/api/keys", "{\"name\":\"stolen\"}"), site);
    }
    assertUnchanged();
  }

  @Test
  void withoutSecFetchSiteTheOriginOrElseTheRefererMustBeTheServersOwn() {
    assertRefused(admin.with("Origin", otherPort).uploadMultipart("photo.jpg", photo), "Origin: " + otherPort);
    assertRefused(admin.with("Origin", "null").send("POST", "/api/auth/logout", HttpRequest.BodyPublishers.noBody()),
        "Origin: unreadable");
    assertRefused(admin.with("Origin", own.replace("http:", "https:")).postJson("/api/keys", "{\"name\":\"k\"}"),
        "another origin");
    assertRefused(admin.with("Referer", otherPort + "/evil.html").uploadMultipart("photo.jpg", photo),
        "Referer: " + otherPort);
    assertUnchanged();

    assertThat(admin.with("Origin", own).uploadMultipart("photo.jpg", photo).statusCode()).isEqualTo(201);
    assertThat(admin.with("Referer", own + "/").postJson("/api/keys", "{\"name\":\"k\"}").statusCode()).isEqualTo(201);
    assertThat(admin.with("Origin", own.toUpperCase()).postJson("/api/keys", "{\"name\":\"k2\"}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void theGallerysOwnRequestsAndNonBrowserClientsStillWork() {
    Http gallery = admin.with("Sec-Fetch-Site", "same-origin").with("Origin", own);
    assertThat(gallery.uploadMultipart("photo.jpg", photo).statusCode()).isEqualTo(201);
    assertThat(admin.postJson("/api/keys", "{\"name\":\"cli\"}").statusCode()).as("no Origin, no Sec-Fetch-Site")
        .isEqualTo(201);
    assertThat(admin.with("Sec-Fetch-Site", "cross-site").get("/api/me").statusCode()).as("reads are not changed")
        .isEqualTo(200);
    assertThat(gallery.send("POST", "/api/auth/logout", HttpRequest.BodyPublishers.noBody()).statusCode())
        .isEqualTo(204);
    assertThat(admin.get("/api/me").statusCode()).as("logged out").isEqualTo(401);
  }

  @Test
  void apiKeysAreUnaffected() {
    Http key = Users.userWithApiKey(anonymous, "keyuser@example.com").with("Sec-Fetch-Site", "cross-site")
        .with("Origin", otherPort);
    assertThat(key.uploadMultipart("photo.jpg", photo).statusCode()).isEqualTo(201);
  }

  @Test
  void loginFromAnotherOriginIsRefusedWithoutACookie() {
    String body = "{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}";
    HttpResponse<byte[]> crossSite = anonymous.with("Sec-Fetch-Site", "cross-site").postJson("/api/auth/login", body);
    assertRefused(crossSite, "cross-site");
    assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    assertRefused(anonymous.with("Origin", otherPort).postJson("/api/auth/login", body), "Origin");
    assertThat(anonymous.with("Sec-Fetch-Site", "same-origin").with("Origin", own).postJson("/api/auth/login", body)
        .statusCode()).isEqualTo(200);
  }

  private void assertRefused(HttpResponse<byte[]> r, String detailPart) {
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    assertThat(json(r).get("detail").asText()).contains("was refused").contains(detailPart).contains("x-api-key");
  }

  private void assertUnchanged() {
    assertThat(admin.get("/api/me").statusCode()).as("the session is still valid").isEqualTo(200);
    assertThat(json(admin.get("/api/assets")).get("items")).as("nothing was uploaded").isEmpty();
    assertThat(json(admin.get("/api/keys")).toString()).doesNotContain("stolen");
  }
}
