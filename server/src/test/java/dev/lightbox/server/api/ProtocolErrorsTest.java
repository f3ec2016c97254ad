package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors over a raw socket, as a broken or odd client causes them: each answered with what it is. */
class ProtocolErrorsTest {
  @TempDir
  Path dir;
  LightboxServer server;
  String apiKey;

  @BeforeEach
  void start() {
    server = TestServer.on("sqlite", dir).start();
    Http anonymous = new Http(server.baseUri());
    Users.userWithApiKey(anonymous, "alice@example.com");
    Http alice = Users.login(anonymous, "alice@example.com", "password-alice@example.com");
    apiKey = json(alice.postJson("/api/keys", "{\"name\":\"raw\"}")).get("key").asText();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aMultipartUploadCutOffMidBodyIsA400LikeTheRawBody() throws Exception {
    String head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n";
    byte[] sent = (head + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
    String answer = cutOff("multipart/form-data; boundary=b", sent, sent.length + 500_000);
    assertThat(answer).startsWith("HTTP/1.1 400 ").contains("application/problem+json", "ended early")
        .doesNotContain("Internal Server Error");

    String raw = cutOff("application/octet-stream", new byte[100_000], 600_000, "?filename=a.jpg");
    assertThat(raw).startsWith("HTTP/1.1 400 ");
    try (Stream<Path> left = Files.list(server.config().tempDir())) {
      assertThat(left).as("no spooled part is left").isEmpty();
    }
  }

  @Test
  void anUnknownHttpVersionIs505TitledAsSuch() throws Exception {
    String answer = exchange("GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 505 ").contains("\"title\":\"HTTP Version Not Supported\"")
        .contains("HTTP/1.1").doesNotContain("Internal Server Error");
  }

  private String cutOff(String contentType, byte[] part, long declared) throws Exception {
    return cutOff(contentType, part, declared, "");
  }

  /** Declares {@code declared} bytes, sends only {@code part}, ends the sending side and reads the answer. */
  private String cutOff(String contentType, byte[] part, long declared, String query) throws Exception {
    URI base = server.baseUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(120_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/assets" + query + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nx-api-key: " + apiKey
          + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declared + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(part);
      out.flush();
      socket.shutdownOutput(); // the client goes away mid-body
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String exchange(String request) throws Exception {
    URI base = server.baseUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(120_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
