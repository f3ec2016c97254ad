package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.testkit.memory.InMemoryBlobStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stream the server opens on a store is closed, whatever the answer: whole bytes, ranges, streamed
 * bodies, HEAD, 304, and a client that hangs up in the middle of a body. The library's store is the strict
 * in-memory fake, which fails on close when a stream is still open and names where it was opened.
 */
class StoreStreamLeakTest {
  /** A leak check waits this long for streams a response is about to close (generous: loaded machines). */
  private static final Duration LEAK_GRACE = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  InMemoryBlobStore store;
  LightboxServer server;
  Http alice;

  @BeforeEach
  void start() {
    store = new InMemoryBlobStore("library", LEAK_GRACE);
    server = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_CACHE_SIZE", "0")
        .store(StorageBackend.DISK, store).start();
    alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
  }

  @AfterEach
  void stop() {
    server.close(); // closes the store too, which fails the test on a leaked stream
  }

  @Test
  void everyAnswerClosesWhatItOpened() throws Exception {
    byte[] photo = Files.readAllBytes(Media.file("photo/immich_motog9_4640x3472.jpg"));
    HttpResponse<byte[]> up = alice.uploadMultipart("big.jpg", photo);
    assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
    String id = json(up).get("id").asText();
    String original = "/api/assets/" + id + "/original";

    HttpResponse<byte[]> whole = alice.get(original);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(photo);
    assertThat(alice.get(original, "Range", "bytes=0-99").body()).hasSize(100);
    assertThat(alice.get(original, "Range", "bytes=1000-").body()).hasSize(photo.length - 1000);
    assertThat(alice.head(original).statusCode()).isEqualTo(200);
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    assertThat(alice.get(original, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(alice.get("/api/assets/" + id + "/thumbnail").statusCode()).isEqualTo(200);
    assertThat(alice.get(original + "?download=1").statusCode()).isEqualTo(200);

    hangUpAfterTheFirstBytes(original);
    store.assertNoOpenStreams();

    assertThat(alice.delete("/api/assets/" + id + "?permanent=true").statusCode()).isEqualTo(204);
    store.assertNoOpenStreams();
  }

  /** Asks for the original over a raw socket and closes it once the body has begun. */
  private void hangUpAfterTheFirstBytes(String path) throws Exception {
    try (Socket socket = new Socket(server.baseUri().getHost(), server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + alice.header("x-api-key")
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] some = in.readNBytes(4096);
      assertThat(new String(some, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    }
  }
}
