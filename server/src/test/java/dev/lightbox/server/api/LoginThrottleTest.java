package dev.lightbox.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password guessing is slowed down per account and address, over real HTTP. The throttle is in memory. */
class LoginThrottleTest {
  @TempDir
  Path dir;

  @Test
  void repeatedWrongPasswordsAreAnsweredWith429AndAGrowingWaitThatASuccessClears() {
    TestServer test = TestServer.on(TestDatabases.SQLITE, dir);
    try (LightboxServer server = test.start()) {
      Http anonymous = new Http(server.baseUri());
      for (int i = 0; i < 6; i++) {
        assertThat(login(anonymous, "wrong").statusCode()).as("failure %d", i + 1).isEqualTo(401);
      }
      HttpResponse<byte[]> refused = login(anonymous, TestServer.ADMIN_PASSWORD);
      assertThat(refused.statusCode()).as("even the right password waits").isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(Http.text(refused)).contains("Too Many Requests", "6 failed logins", "try again in 1 s");
      assertThat(login(anonymous, "wrong", "bob@example.com").statusCode())
          .as("another account from the same address is not held up").isEqualTo(401);

      test.clock().advance(Duration.ofSeconds(1));
      assertThat(login(anonymous, "wrong").statusCode()).isEqualTo(401);
      HttpResponse<byte[]> longer = login(anonymous, "wrong");
      assertThat(longer.statusCode()).isEqualTo(429);
      assertThat(longer.headers().firstValue("Retry-After")).as("the wait doubles").hasValue("2");

      test.clock().advance(Duration.ofSeconds(2));
      Users.admin(anonymous); // succeeds, and clears the record
      for (int i = 0; i < 5; i++) {
        assertThat(login(anonymous, "wrong").statusCode()).isEqualTo(401);
      }
    }
  }

  private static HttpResponse<byte[]> login(Http anonymous, String password) {
    return login(anonymous, password, TestServer.ADMIN_EMAIL);
  }

  private static HttpResponse<byte[]> login(Http anonymous, String password, String email) {
    return anonymous.postJson("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }
}
