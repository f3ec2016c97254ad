package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** /health, /metrics and /api/openapi.json, and what a server with no media engine still does. */
class SystemTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void healthMetricsAndAnOpenApiDocumentThatMatchesTheRoutes() {
      try (LightboxServer server = TestServer.on(database, dir).start()) {
        Http anonymous = new Http(server.baseUri());
        JsonNode health = json(anonymous.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("media").get("engine").asText()).isEqualTo("stub");
        assertThat(health.get("catalog").get("database").asText())
            .isEqualTo(database.equals(TestDatabases.SQLITE) ? "sqlite" : "postgresql");

        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        alice.uploadRaw("/api/assets?filename=a.jpg", Media.file("photo/immich_picasa_tags.jpg"));
        // A request is counted once its response has been written, so the client may ask a moment before.
        HttpResponse<byte[]> metrics = anonymous.get("/metrics", TestServer.METRICS_AUTHORIZATION);
        for (int i = 0; i < 50 && !Http.text(metrics).contains("route=\"/api/assets\",status=\"201\""); i++) {
          sleepQuietly(20);
          metrics = anonymous.get("/metrics", TestServer.METRICS_AUTHORIZATION);
        }
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(Http.text(metrics)).contains("# TYPE lightbox_http_requests_total counter",
            "lightbox_http_requests_total{method=\"POST\",route=\"/api/assets\",status=\"201\"} 1",
            "lightbox_uploads_total{result=\"stored\"} 1", "lightbox_assets 1");
        for (String line : Http.text(metrics).split("\n")) {
          assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{[^}]*})? [0-9.eE+-]+");
        }
        // /metrics is for admins and for the scraper holding LIGHTBOX_METRICS_TOKEN, no one else
        assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/metrics", "Authorization", "Bearer wrong-token-0123456789").statusCode())
            .isEqualTo(401);
        assertThat(alice.get("/metrics").statusCode()).isEqualTo(403);
        assertThat(Users.admin(anonymous).get("/metrics").statusCode()).isEqualTo(200);

        JsonNode doc = json(anonymous.get("/api/openapi.json"));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
          Map.Entry<String, JsonNode> path = paths.next();
          for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
            String method = methods.next().toUpperCase(java.util.Locale.ROOT);
            String concrete = path.getKey().replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{name}", "x.txt")
                .replace("{tag}", "some-tag");
            HttpResponse<byte[]> r = alice.send(method, concrete, HttpRequest.BodyPublishers.noBody());
            assertThat(r.statusCode()).as(method + " " + path.getKey()).isNotEqualTo(405);
            assertThat(Http.text(r)).as(method + " " + path.getKey()).doesNotContain("no API route");
            operations++;
          }
        }
        assertThat(operations).as("every route is documented once").isEqualTo(
            AuthorizationMatrixTest.Contract.documentedRoutes(anonymous).size()).isGreaterThanOrEqualTo(24);
        HttpResponse<byte[]> undocumented = alice.get("/api/assets/x/y/z");
        assertThat(undocumented.statusCode()).isEqualTo(404);
      }
    }

    @Test
    void withoutAMediaEngineUploadsAreStoredWithAWarning() {
      try (LightboxServer server = TestServer.on(database, dir).media(null).start()) {
        Http anonymous = new Http(server.baseUri());
        assertThat(json(anonymous.get("/health")).get("media").get("renditions").asBoolean()).isFalse();
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        HttpResponse<byte[]> r = alice.uploadRaw("/api/assets?filename=a.png", Media.file("ai/comfyui_sdxl.png"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("warnings").toString()).contains("no thumbnail or preview");
        assertThat(json(r).get("mediaType").asText()).isEqualTo("image/png");
      }
    }
  
    /**
     * A POST refused before its body is read (bad API key) must not leave that body on a kept-alive
     * connection, where it would be parsed as the next request: the answer either drains the body or
     * closes the connection, and a client that reuses the connection gets a proper answer.
     */
    @Test
    void aRequestRefusedBeforeItsBodyWasReadLeavesTheConnectionUsable() throws Exception {
      try (LightboxServer server = TestServer.on(database, dir).start();
          java.net.Socket socket = new java.net.Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
        socket.setSoTimeout(10_000);
        byte[] body = new byte[200_000];
        java.util.Arrays.fill(body, (byte) 'x');
        var out = socket.getOutputStream();
        out.write(("POST /api/assets?filename=a.jpg HTTP/1.1\r\nHost: localhost\r\nx-api-key: not-a-key\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(body);
        out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        Map<String, String> first = readHead(in);
        assertThat(first.get(":status")).isEqualTo("401");
        in.readFully(new byte[Integer.parseInt(first.get("content-length"))]);
        if ("close".equalsIgnoreCase(first.get("connection"))) {
          assertThat(in.read()).as("the server closes after announcing it").isEqualTo(-1);
          return;
        }
        Map<String, String> second = readHead(in);
        assertThat(second.get(":status")).as("the request after the refused body").isEqualTo("200");
      }
    }

    private static Map<String, String> readHead(java.io.DataInputStream in) throws java.io.IOException {
      Map<String, String> head = new java.util.HashMap<>();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) >= 0; ) {
        if (c == '\n') {
          String l = line.toString().strip();
          line.setLength(0);
          if (l.isEmpty()) {
            return head;
          }
          if (!head.containsKey(":status")) {
            head.put(":status", l.split(" ")[1]);
          } else {
            int colon = l.indexOf(':');
            head.put(l.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), l.substring(colon + 1).strip());
          }
        } else {
          line.append((char) c);
        }
      }
      throw new java.io.EOFException("the connection closed before a full response head; read so far: " + head);
    }

    private static void sleepQuietly(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
