package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.S3Stores;
import dev.lightbox.server.testing.CountingBlobStore;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that hangs up in the middle of a ZIP download stops the reads: the objects after the one being
 * sent (and what the socket buffers can hold) are never read from the bucket, and every stream opened is
 * closed. The library is on S3 (S3Proxy) behind a store that counts what is opened.
 */
class ZipDownloadDisconnectTest {
  private static final int ASSETS = 30;

  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();

  @TempDir
  Path dir;

  @Test
  void aClientThatHangsUpStopsTheReads() throws Exception {
    TestServer t = TestServer.on(TestDatabases.SQLITE, dir).set("LIGHTBOX_STORAGE_BACKEND", "s3")
        .s3(s3, s3.bucket()).set("LIGHTBOX_S3_PREFIX", "disconnect/").set("LIGHTBOX_CACHE_SIZE", "0");
    CountingBlobStore store = new CountingBlobStore(S3Stores.open(t.config().s3()));
    try (LightboxServer server = t.store(StorageBackend.S3, store).start()) {
      Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      byte[] photo = Files.readAllBytes(Media.file("photo/immich_motog9_4640x3472.jpg"));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < ASSETS; i++) { // about 14 MB in all: more than the socket buffers hold
        byte[] distinct = java.util.Arrays.copyOf(photo, photo.length + 4);
        distinct[photo.length] = (byte) i;
        HttpResponse<byte[]> up = alice.uploadMultipart("p" + i + ".jpg", distinct);
        assertThat(up.statusCode()).as(Http.text(up)).isEqualTo(201);
        ids.add(json(up).get("id").asText());
      }
      int openedBefore = store.opened();

      String body = "{\"assetIds\":[\"" + String.join("\",\"", ids) + "\"]}";
      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(16 * 1024); // a small window, so the server cannot run far ahead
        socket.connect(new InetSocketAddress(server.baseUri().getHost(), server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/downloads/zip HTTP/1.1\r\nHost: localhost\r\nx-api-key: " + alice.header("x-api-key")
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] some = in.readNBytes(600_000); // the headers and the first object or so
        assertThat(new String(some, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      } // hang up

      Http metrics = new Http(server.baseUri());
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Http.text(metrics.get("/metrics", TestServer.METRICS_AUTHORIZATION)).contains("route=\"/api/downloads/zip\"")
          || store.closed() != store.opened()) {
        assertThat(System.nanoTime()).as("the download ends on the server after the hang-up").isLessThan(deadline);
        Thread.sleep(50);
      }
      int read = store.opened() - openedBefore;
      System.out.println("objects read for the download before and after the hang-up: " + read + " of " + ASSETS);
      assertThat(read).as("objects read for the download: far fewer than the " + ASSETS + " asked for")
          .isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(ASSETS / 2);
      assertThat(store.closed()).as("every stream opened was closed").isEqualTo(store.opened());
    }
  }
}
