package dev.lightbox.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E-mail, name and password lengths are limited, with clear 400 answers, before anything is hashed. */
class AccountLimitsTest {
  @TempDir
  Path dir;

  @Test
  void overLongCredentialsAreRefusedWith400AndTheLimitsThemselvesAccepted() {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http anonymous = new Http(server.baseUri());
      Http admin = Users.admin(anonymous);
      String hugeEmail = "a".repeat(60 * 1024) + "@example.com";
      assertRefused(admin.postJson("/api/users", user(hugeEmail, "Ada", "password-1")),
          "'email' must be an address such as ada@example.com of at most 254 characters");
      String email254 = "a".repeat(254 - "@example.com".length()) + "@example.com";
      assertRefused(admin.postJson("/api/users", user("b" + email254, "Ada", "password-1")), "at most 254");
      assertRefused(admin.postJson("/api/users", user("ada@example.com", "N".repeat(201), "password-1")),
          "'name' may have at most 200 characters");
      assertRefused(admin.postJson("/api/users", user("ada@example.com", "Ada", "p".repeat(1025))),
          "'password' may have at most 1024 bytes (UTF-8)");
      assertRefused(admin.postJson("/api/users", user("ada@example.com", "Ada", "é".repeat(513))),
          "at most 1024 bytes");
      assertRefused(admin.postJson("/api/users", user("ada@example.com", "Ada", "short")), "at least 8 characters");

      String longest = "é".repeat(512);
      HttpResponse<byte[]> created = admin.postJson("/api/users", user(email254, "N".repeat(200), longest));
      assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
      Users.login(anonymous, email254, longest);

      assertRefused(login(anonymous, hugeEmail, "password-1"), "'email' may have at most 254 characters");
      assertRefused(login(anonymous, TestServer.ADMIN_EMAIL, "p".repeat(100_000 / 2)), "at most 1024 bytes");
      assertRefused(login(anonymous, "nobody@example.com", "p".repeat(2000)), "at most 1024 bytes");
    }
  }

  private static void assertRefused(HttpResponse<byte[]> r, String message) {
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(400);
    assertThat(Http.text(r)).contains(message).doesNotContain("Exception");
  }

  private static HttpResponse<byte[]> login(Http anonymous, String email, String password) {
    return anonymous.postJson("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private static String user(String email, String name, String password) {
    return "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
  }
}
