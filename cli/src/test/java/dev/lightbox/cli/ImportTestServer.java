package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.ConfigLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** A real server on port 0 (SQLite, disk, no media processing) for import tests, and its admin's API key. */
final class ImportTestServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ImportTestServer() {
  }

  static LightboxServer start(Path dir) {
    return LightboxServer.builder(ConfigLoader.fromMap(Map.of("LIGHTBOX_DATA_DIR", dir.resolve("data").toString(),
        "LIGHTBOX_HOST", "127.0.0.1", "LIGHTBOX_PORT", "0", "LIGHTBOX_ADMIN_EMAIL", "admin@example.com",
        "LIGHTBOX_ADMIN_PASSWORD", "admin-password-1"))).withoutMedia().announce(line -> { }).start();
  }

  /** A fresh API key of the admin, made through the API as a user would. */
  static String apiKey(LightboxServer server) throws Exception {
    HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"email\":\"admin@example.com\",\"password\":\"admin-password-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return send(HttpRequest.newBuilder(server.baseUri().resolve("/api/keys")).header("Content-Type",
        "application/json").header("Cookie", cookie.substring(0, cookie.indexOf(';')))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"import\"}"))).get("key").asText();
  }

  /** How many assets the key's user sees (the first 100). */
  static int assetCount(LightboxServer server, String key) throws Exception {
    return send(HttpRequest.newBuilder(server.baseUri().resolve("/api/assets?limit=100")).header("x-api-key", key)
        .GET()).get("items").size();
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return JSON.readTree(r.body());
  }
}
