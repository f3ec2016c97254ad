package dev.lightbox.server.api;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Behind a TLS reverse proxy (LIGHTBOX_TRUSTED_PROXIES): the cross-site check accepts the page's https
 * origin that the proxy reports, and login throttling counts the client the proxy names, not the proxy and
 * not an address the client wrote itself. Without the setting the forwarded headers are ignored.
 */
class TrustedProxiesTest {
  @TempDir
  Path dir;

  @Test
  void aTrustedProxysSchemeMakesTheHttpsPageSameOrigin() throws Exception {
    byte[] photo = Files.readAllBytes(Media.file("photo/immich_mongolels_rating.jpg"));
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir.resolve("a"))
        .set("LIGHTBOX_TRUSTED_PROXIES", "127.0.0.0/8, ::1").start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String httpsPage = "https://" + server.baseUri().getHost() + ":" + server.baseUri().getPort();
      assertThat(admin.with("Origin", httpsPage).with("X-Forwarded-Proto", "https")
          .uploadMultipart("photo.jpg", photo).statusCode()).isEqualTo(201);
      assertThat(admin.with("Origin", httpsPage).postJson("/api/keys", "{\"name\":\"k\"}").statusCode())
          .as("without X-Forwarded-Proto the page is http").isEqualTo(403);
    }
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir.resolve("b")).start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String httpsPage = "https://" + server.baseUri().getHost() + ":" + server.baseUri().getPort();
      assertThat(admin.with("Origin", httpsPage).with("X-Forwarded-Proto", "https")
          .postJson("/api/keys", "{\"name\":\"k\"}").statusCode())
          .as("an untrusted peer's X-Forwarded-Proto is ignored").isEqualTo(403);
    }
  }

  @Test
  void loginThrottlingCountsTheClientTheProxyNames() {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir)
        .set("LIGHTBOX_TRUSTED_PROXIES", "127.0.0.1,::1").start()) {
      Http anonymous = new Http(server.baseUri());
      // the client wrote the first entry itself; the proxy appended the address it saw
      Http attacker = anonymous.with("X-Forwarded-For", "198.51.100.1, 203.0.113.5");
      int status = 0;
      for (int i = 0; i < 200 && status != 429; i++) {
        status = login(attacker.with("X-Forwarded-For", "198.51.100." + (i + 2) + ", 203.0.113.5"),
            "wrong-password-" + i).statusCode();
        assertThat(status).isIn(401, 429);
      }
      assertThat(status).as("one source, many spoofed first entries: throttled").isEqualTo(429);
      assertThat(login(anonymous.with("X-Forwarded-For", "203.0.113.5"), TestServer.ADMIN_PASSWORD).statusCode())
          .isEqualTo(429);
      assertThat(login(anonymous.with("X-Forwarded-For", "203.0.113.6"), TestServer.ADMIN_PASSWORD).statusCode())
          .as("another client behind the same proxy still logs in").isEqualTo(200);
    }
  }

  private static HttpResponse<byte[]> login(Http client, String password) {
    return client.postJson("/api/auth/login",
        "{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\"" + password + "\"}");
  }
}
