package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its whole upload before reading (as the JDK client and curl do) gets the refusal, and
 * the connection then ends in order. A server that closes on an unread body resets the connection instead,
 * and the client's write or read fails with the answer lost (IngestTest's old "header parser received no
 * bytes" flake).
 */
class RefusedUploadConnectionTest {
  @TempDir
  Path dir;
  LightboxServer server;
  String apiKey;

  private void start(String maxUploadSize) {
    server = TestServer.on("sqlite", dir).set("LIGHTBOX_MAX_UPLOAD_SIZE", maxUploadSize).start();
    Http anonymous = new Http(server.baseUri());
    Users.userWithApiKey(anonymous, "alice@example.com");
    Http alice = Users.login(anonymous, "alice@example.com", "password-alice@example.com");
    apiKey = json(alice.postJson("/api/keys", "{\"name\":\"raw\"}")).get("key").asText();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tooLargeUploadWithItsLengthIsAnsweredAndTheConnectionEndsWithoutReset() throws Exception {
    start("2MB");
    String answer = sendWhole("/api/assets?filename=big.png", new byte[7 << 20]);
    assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("Connection: close")
        .contains("LIGHTBOX_MAX_UPLOAD_SIZE");
  }

  @Test
  void uploadRefusedAfterItsBodyWasOpenedIsAnsweredAndTheConnectionEndsWithoutReset() throws Exception {
    start("16MB");
    String answer = sendWhole("/api/assets", new byte[7 << 20]); // within the limit, refused for its missing name
    assertThat(answer).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Connection: close").contains("?filename=");
  }

  /**
   * Writes the request with all of its body, then reads the answer up to the server's orderly close. The tests'
   * 7 MiB bodies are more than the socket buffers take in while the server does not read, and less than the
   * 8 MiB the server drains before answering.
   */
  private String sendWhole(String target, byte[] body) throws Exception {
    URI base = server.baseUri();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + target + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nx-api-key: " + apiKey
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8); // a reset throws here (or in write)
    }
  }
}
