package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code serve} at LIGHTBOX_LOG_LEVEL=debug (and with Jetty forced to DEBUG as well): logging in, an API key,
 * a session cookie and the metrics token never reach the log, which goes through the real logback.xml.
 */
class LogRedactionTest {
  private static final String PASSWORD = "hunter2-correct-horse";
  private static final String METRICS_TOKEN = "metrics-token-abcdef0123456789";
  @TempDir
  Path dir;

  @AfterEach
  void backToInfo() {
    LogSettings.apply("info");
  }

  @Test
  void passwordsKeysCookiesAndTokensNeverReachTheLog() throws Exception {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    List<String> secrets = new java.util.ArrayList<>(List.of(PASSWORD, METRICS_TOKEN, "wrong-password-123"));
    ServeCommand serve = new ServeCommand();
    serve.port = 0;
    serve.dataDir = dir.resolve("data");
    System.setOut(capture);
    System.setErr(capture);
    try (var server = serve.start(Map.of("LIGHTBOX_LOG_LEVEL", "debug", "LIGHTBOX_HOST", "127.0.0.1",
        "LIGHTBOX_ADMIN_PASSWORD", PASSWORD, "LIGHTBOX_METRICS_TOKEN", METRICS_TOKEN))) {
      Logger lightbox = (Logger) LoggerFactory.getLogger("dev.lightbox");
      assertThat(lightbox.getEffectiveLevel()).isEqualTo(Level.DEBUG);
      assertThat(((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).getEffectiveLevel()).isEqualTo(Level.WARN);
      exercise(server.baseUri(), secrets);
      // Even a library forced to DEBUG (as a custom logback configuration might) logs no secret.
      ((Logger) LoggerFactory.getLogger("org.eclipse.jetty.server")).setLevel(Level.DEBUG);
      ((Logger) LoggerFactory.getLogger("org.eclipse.jetty.http")).setLevel(Level.DEBUG);
      exercise(server.baseUri(), secrets);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("DEBUG").contains("Lightbox is running at");
    assertThat(log).as("Jetty's wire dumps were logged, masked").contains("<<<***>>>").contains("x-api-key: ***");
    for (String secret : secrets) {
      assertThat(log).as("the log holds a secret").doesNotContain(secret);
    }
  }

  /** Logs in (and fails once), creates an API key, uses it, the cookie and the metrics token. */
  private static void exercise(URI base, List<String> secrets) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> bad = http.send(post(base, "/api/auth/login",
        "{\"email\":\"admin@localhost\",\"password\":\"wrong-password-123\"}").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(401);
    HttpResponse<String> login = http.send(post(base, "/api/auth/login",
        "{\"email\":\"admin@localhost\",\"password\":\"" + PASSWORD + "\"}").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    secrets.add(cookie.substring(cookie.indexOf('=') + 1));
    HttpResponse<String> key = http.send(post(base, "/api/keys", "{\"name\":\"scripts\"}").header("Cookie", cookie)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(key.statusCode()).isEqualTo(201);
    String apiKey = new ObjectMapper().readTree(key.body()).get("key").asText();
    secrets.add(apiKey);
    assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/assets")).header("x-api-key", apiKey).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/me")).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
  }

  private static HttpRequest.Builder post(URI base, String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }
}
