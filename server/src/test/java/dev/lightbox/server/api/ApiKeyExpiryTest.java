package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** API keys with an expiry: stored, listed, refused with 401 and a clear message once past it. */
class ApiKeyExpiryTest {
  @Nested
  @OnEachDatabase
  class Expiry {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void aKeyWorksUntilItsExpiryAndIsThenRefusedWithAClearMessage() {
      TestServer t = TestServer.on(database, dir);
      try (LightboxServer server = t.start()) {
        Http anonymous = new Http(server.baseUri());
        Http admin = Users.admin(anonymous);
        Instant now = t.clock().instant().truncatedTo(ChronoUnit.MILLIS); // the catalog keeps milliseconds

        HttpResponse<byte[]> inDays = admin.postJson("/api/keys", "{\"name\":\"ci\",\"expiresInDays\":7}");
        assertThat(inDays.statusCode()).as(Http.text(inDays)).isEqualTo(201);
        assertThat(Instant.parse(json(inDays).get("expiresAt").asText())).isEqualTo(now.plus(Duration.ofDays(7)));
        assertThat(json(inDays).get("expired").asBoolean()).isFalse();
        Instant at = now.plus(Duration.ofDays(30)).plusMillis(123);
        HttpResponse<byte[]> atInstant = admin.postJson("/api/keys",
            "{\"name\":\"laptop\",\"expiresAt\":\"" + at + "\"}");
        assertThat(atInstant.statusCode()).as(Http.text(atInstant)).isEqualTo(201);
        assertThat(json(atInstant).get("expiresAt").asText()).isEqualTo(at.toString());
        HttpResponse<byte[]> forever = admin.postJson("/api/keys", "{\"name\":\"forever\"}");
        assertThat(json(forever).get("expiresAt").isNull()).isTrue();

        Http weekKey = anonymous.with("x-api-key", json(inDays).get("key").asText());
        Http monthKey = anonymous.with("x-api-key", json(atInstant).get("key").asText());
        Http foreverKey = anonymous.with("x-api-key", json(forever).get("key").asText());
        assertThat(weekKey.get("/api/me").statusCode()).isEqualTo(200);

        Map<String, JsonNode> listed = keysByName(foreverKey);
        assertThat(listed.get("ci").get("expiresAt").asText()).isEqualTo(now.plus(Duration.ofDays(7)).toString());
        assertThat(listed.get("laptop").get("expiresAt").asText()).isEqualTo(at.toString());
        assertThat(listed.get("forever").get("expiresAt").isNull()).isTrue();
        assertThat(listed.values()).allSatisfy(k -> {
          assertThat(k.get("expired").asBoolean()).isFalse();
          assertThat(k.has("key")).as("the secret is never listed").isFalse();
        });

        t.clock().advance(Duration.ofDays(7)); // the week key's expiry is now
        HttpResponse<byte[]> refused = weekKey.get("/api/me");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.text(refused)).contains("expired at " + now.plus(Duration.ofDays(7)), "POST /api/keys");
        assertThat(weekKey.get("/api/assets").statusCode()).isEqualTo(401);
        assertThat(weekKey.get("/health").statusCode()).as("public routes ignore a stale key").isEqualTo(200);
        assertThat(monthKey.get("/api/me").statusCode()).isEqualTo(200);
        assertThat(keysByName(foreverKey).get("ci").get("expired").asBoolean()).isTrue();

        t.clock().advance(Duration.ofDays(365));
        assertThat(monthKey.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(foreverKey.get("/api/me").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> wrong = anonymous.with("x-api-key", "lbk_not-a-real-key").get("/api/me");
        assertThat(Http.text(wrong)).contains("not valid").doesNotContain("expired");
      }
    }
  }

  @Test
  void badExpiriesAreRefusedWith400(@TempDir Path dir) {
    TestServer t = TestServer.on(dev.lightbox.server.testing.TestDatabases.SQLITE, dir);
    try (LightboxServer server = t.start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      Instant now = t.clock().instant();
      Map<String, String> cases = Map.of(
          "{\"name\":\"k\",\"expiresInDays\":0}", "'expiresInDays' must be a whole number from 1 to 3650",
          "{\"name\":\"k\",\"expiresInDays\":1.5}", "'expiresInDays' must be a whole number",
          "{\"name\":\"k\",\"expiresInDays\":\"7\"}", "'expiresInDays' must be a whole number",
          "{\"name\":\"k\",\"expiresInDays\":99999}", "from 1 to 3650",
          "{\"name\":\"k\",\"expiresAt\":\"next week\"}", "ISO-8601",
          "{\"name\":\"k\",\"expiresAt\":\"" + now.minusSeconds(1) + "\"}", "is not in the future",
          "{\"name\":\"k\",\"expiresAt\":\"" + now.plus(Duration.ofDays(4000)) + "\"}", "at most 3650 days",
          "{\"name\":\"k\",\"expiresInDays\":3,\"expiresAt\":\"" + now.plusSeconds(60) + "\"}", "not both");
      cases.forEach((body, message) -> {
        HttpResponse<byte[]> r = admin.postJson("/api/keys", body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        assertThat(Http.text(r)).as(body).contains(message);
      });
      assertThat(json(admin.get("/api/keys"))).as("no key was created").isEmpty();
    }
  }

  private static Map<String, JsonNode> keysByName(Http client) {
    Map<String, JsonNode> byName = new HashMap<>();
    json(client.get("/api/keys")).forEach(k -> byName.put(k.get("name").asText(), k));
    return byName;
  }
}
