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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Every route against every kind of caller: the owner, another user, the admin, nobody, an expired
 * session and a wrong API key. The table must cover exactly the routes of /api/openapi.json.
 */
class AuthorizationMatrixTest {
  enum Caller { OTHER, ADMIN, ANONYMOUS, EXPIRED_SESSION, WRONG_API_KEY, OWNER }

  record Expect(String method, String path, Function<Caller, HttpRequest.BodyPublisher> body, String contentType,
      Map<Caller, Integer> status) {
  }

  @Nested
  @OnEachDatabase
  class Contract {
    static final String NO_BATCH = "no-such-batch";
    static final String SIDECAR = "owned.txt";
    static final String TAG = "matrix-tag";
    @Parameter
    String database;
    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyRouteAnswersEveryCallerAsSpecified() throws Exception {
      TestServer t = TestServer.on(database, dir);
      try (LightboxServer server = t.start()) {
        Http anonymous = new Http(server.baseUri());
        Http owner = Users.userWithApiKey(anonymous, "alice@example.com");
        Http other = Users.userWithApiKey(anonymous, "bob@example.com");
        Http adminSession = Users.admin(anonymous);
        Http admin = anonymous.with("x-api-key",
            json(adminSession.postJson("/api/keys", "{\"name\":\"admin\"}")).get("key").asText());
        Http expired = Users.login(anonymous, "alice@example.com", "password-alice@example.com");
        assertThat(expired.get("/api/me").statusCode()).isEqualTo(200);
        Http wrongKey = anonymous.with("x-api-key", "lbk_not-a-real-key");
        Map<Caller, Http> clients = Map.of(Caller.OWNER, owner, Caller.OTHER, other, Caller.ADMIN, admin,
            Caller.ANONYMOUS, anonymous, Caller.EXPIRED_SESSION, expired, Caller.WRONG_API_KEY, wrongKey);

        byte[] photo = Files.readAllBytes(Media.file("photo/immich_picasa_tags.jpg"));
        String assetId = json(owner.uploadMultipart("owned.jpg", photo)).get("id").asText();
        String ownerKeyId = json(owner.postJson("/api/keys", "{\"name\":\"spare\"}")).get("id").asText();
        String victimId = json(adminSession.postJson("/api/users",
            "{\"email\":\"carol@example.com\",\"password\":\"password-carol\"}")).get("id").asText();
        String albumId = json(owner.postJson("/api/albums", "{\"name\":\"Owned\"}")).get("id").asText();
        AtomicInteger unique = new AtomicInteger();
        t.clock().advance(Duration.ofDays(31)); // expires every session; the others use API keys

        Map<Caller, Integer> publicOk = all(200);
        Map<Caller, Integer> anyUser = users(200, 200, 200);
        Map<Caller, Integer> ownerOnly = users(200, 404, 404);
        Map<Caller, Integer> adminOnly = users(403, 403, 200);
        Function<Caller, HttpRequest.BodyPublisher> none = c -> HttpRequest.BodyPublishers.noBody();
        List<Expect> table = new ArrayList<>(List.of(
            new Expect("GET", "/health", none, null, publicOk),
            new Expect("GET", "/metrics", none, null, adminOnly),
            new Expect("GET", "/api/openapi.json", none, null, publicOk),
            new Expect("POST", "/api/auth/login", c -> HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"alice@example.com\",\"password\":\"password-alice@example.com\"}"), "application/json",
                publicOk),
            new Expect("POST", "/api/auth/logout", none, null, all(204)),
            new Expect("GET", "/api/me", none, null, anyUser),
            new Expect("GET", "/api/keys", none, null, anyUser),
            new Expect("POST", "/api/keys", c -> HttpRequest.BodyPublishers.ofString("{\"name\":\"k\"}"),
                "application/json", users(201, 201, 201)),
            new Expect("DELETE", "/api/keys/" + ownerKeyId, none, null, users(204, 404, 404)),
            new Expect("GET", "/api/users", none, null, adminOnly),
            new Expect("POST", "/api/users", c -> HttpRequest.BodyPublishers.ofString("{\"email\":\"u"
                + unique.incrementAndGet() + "@example.com\",\"password\":\"password-x\"}"), "application/json",
                users(403, 403, 201)),
            new Expect("DELETE", "/api/users/" + victimId, none, null, users(403, 403, 204)),
            new Expect("POST", "/api/assets?filename=new.jpg", c -> HttpRequest.BodyPublishers.ofByteArray(
                withSuffix(photo, c.name())), "image/jpeg", users(201, 201, 201)),
            new Expect("GET", "/api/assets", none, null, anyUser),
            new Expect("POST", "/api/assets/check", c -> HttpRequest.BodyPublishers.ofString(
                "{\"sha256\":[]}"), "application/json", anyUser),
            new Expect("GET", "/api/assets/" + assetId, none, null, ownerOnly),
            new Expect("GET", "/api/assets/" + assetId + "/original", none, null, ownerOnly),
            new Expect("GET", "/api/assets/" + assetId + "/thumbnail", none, null, ownerOnly),
            new Expect("GET", "/api/assets/" + assetId + "/preview", none, null, ownerOnly),
            new Expect("PUT", "/api/assets/" + assetId + "/sidecars/" + SIDECAR, c -> HttpRequest.BodyPublishers
                .ofString("Steps: 20, Sampler: Euler, Seed: 1"), "text/plain", users(201, 404, 404)),
            new Expect("GET", "/api/assets/" + assetId + "/sidecars/" + SIDECAR, none, null, ownerOnly),
            new Expect("POST", "/api/downloads/zip", c -> HttpRequest.BodyPublishers.ofString(
                "{\"assetIds\":[\"" + assetId + "\"]}"), "application/json", ownerOnly),
            new Expect("GET", "/api/downloads/zip?ids=" + assetId, none, null, ownerOnly),
            new Expect("GET", "/api/admin/migrations", none, null, adminOnly),
            new Expect("POST", "/api/admin/migrations", c -> HttpRequest.BodyPublishers.ofString(
                "{\"to\":\"disk\",\"dryRun\":true}"), "application/json", users(403, 403, 200)),
            new Expect("GET", "/api/admin/migrations/" + NO_BATCH, none, null, users(403, 403, 404)),
            new Expect("POST", "/api/admin/migrations/" + NO_BATCH + "/rollback", c -> HttpRequest.BodyPublishers
                .ofString("{}"), "application/json", users(403, 403, 404)),
            new Expect("POST", "/api/admin/migrations/" + NO_BATCH + "/stop", none, null, users(403, 403, 404)),
            new Expect("GET", "/api/libraries", none, null, adminOnly),
            new Expect("POST", "/api/libraries", c -> HttpRequest.BodyPublishers.ofString(
                "{\"kind\":\"disk\",\"path\":\"/no/such/folder\"}"), "application/json", users(403, 403, 400)),
            new Expect("GET", "/api/libraries/" + NO_BATCH, none, null, users(403, 403, 404)),
            new Expect("POST", "/api/libraries/" + NO_BATCH + "/rescan", none, null, users(403, 403, 404)),
            new Expect("DELETE", "/api/libraries/" + NO_BATCH, none, null, users(403, 403, 404)),
            new Expect("PATCH", "/api/assets/" + assetId, jsonBody("{\"rating\":3}"), "application/json", ownerOnly),
            new Expect("POST", "/api/assets/" + assetId + "/tags", jsonBody("{\"tags\":[\"" + TAG + "\"]}"),
                "application/json", ownerOnly),
            new Expect("DELETE", "/api/assets/" + assetId + "/tags/" + TAG, none, null, ownerOnly),
            new Expect("GET", "/api/tags", none, null, anyUser),
            new Expect("GET", "/api/trash", none, null, anyUser),
            new Expect("POST", "/api/trash/" + assetId + "/restore", none, null, ownerOnly),
            new Expect("DELETE", "/api/trash", none, null, anyUser),
            new Expect("GET", "/api/albums", none, null, anyUser),
            new Expect("POST", "/api/albums", jsonBody("{\"name\":\"n\"}"), "application/json", users(201, 201, 201)),
            new Expect("GET", "/api/albums/" + albumId, none, null, ownerOnly),
            new Expect("PATCH", "/api/albums/" + albumId, jsonBody("{\"name\":\"renamed\"}"), "application/json",
                ownerOnly),
            new Expect("POST", "/api/albums/" + albumId + "/assets", jsonBody("{\"assetIds\":[\"" + assetId + "\"]}"),
                "application/json", ownerOnly),
            new Expect("POST", "/api/albums/" + albumId + "/assets/remove",
                jsonBody("{\"assetIds\":[\"" + assetId + "\"]}"), "application/json", ownerOnly),
            new Expect("DELETE", "/api/albums/" + albumId, none, null, users(204, 404, 404)),
            new Expect("DELETE", "/api/assets/" + assetId + "?permanent=true", none, null, users(204, 204, 204))));

        List<String> failures = new ArrayList<>();
        for (Expect e : table) {
          for (Caller caller : Caller.values()) {
            if (caller == Caller.OWNER && e.method().equals("DELETE") && e.path().contains("permanent=true")) {
              assertThat(owner.get("/api/assets/" + assetId).statusCode())
                  .as("other users' and the admin's deletes left the asset alone").isEqualTo(200);
            }
            String[] headers = e.contentType() == null ? new String[0] : new String[] {"Content-Type", e.contentType()};
            HttpResponse<byte[]> r = clients.get(caller).send(e.method(), e.path(), e.body().apply(caller), headers);
            int expected = e.status().get(caller);
            if (r.statusCode() != expected) {
              failures.add(e.method() + " " + e.path() + " as " + caller + ": expected " + expected + ", got "
                  + r.statusCode() + " " + Http.text(r));
            }
            if (r.statusCode() == 404) {
              assertThat(Http.text(r)).doesNotContain("owner", "another user");
            }
          }
        }
        assertThat(failures).isEmpty();
        assertThat(owner.get("/api/assets/" + assetId).statusCode()).isEqualTo(404);

        Set<String> covered = new HashSet<>();
        for (Expect e : table) {
          covered.add(e.method() + " " + template(e.path(), assetId, ownerKeyId, victimId).replace(albumId, "{id}")
              .replace("/tags/" + TAG, "/tags/{tag}"));
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(documentedRoutes(anonymous));
      }
    }

    static Set<String> documentedRoutes(Http client) {
      JsonNode doc = json(client.get("/api/openapi.json"));
      Set<String> routes = new HashSet<>();
      doc.get("paths").properties().forEach(p -> p.getValue().fieldNames()
          .forEachRemaining(m -> routes.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
      return routes;
    }

    private static String template(String path, String assetId, String keyId, String userId) {
      String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      return p.replace(assetId, "{id}").replace(keyId, "{id}").replace(userId, "{id}").replace(NO_BATCH, "{id}")
          .replace(SIDECAR, "{name}");
    }

    private static Function<Caller, HttpRequest.BodyPublisher> jsonBody(String body) {
      return c -> HttpRequest.BodyPublishers.ofString(body);
    }

    private static byte[] withSuffix(byte[] data, String suffix) {
      byte[] s = suffix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] out = new byte[data.length + s.length];
      System.arraycopy(data, 0, out, 0, data.length);
      System.arraycopy(s, 0, out, data.length, s.length);
      return out;
    }

    private static Map<Caller, Integer> all(int status) {
      Map<Caller, Integer> m = new LinkedHashMap<>();
      for (Caller c : Caller.values()) {
        m.put(c, status);
      }
      return m;
    }

    /** Unauthenticated callers get 401; the three users get what is given. */
    private static Map<Caller, Integer> users(int owner, int other, int admin) {
      Map<Caller, Integer> m = all(401);
      m.put(Caller.OWNER, owner);
      m.put(Caller.OTHER, other);
      m.put(Caller.ADMIN, admin);
      return m;
    }
  }
}
