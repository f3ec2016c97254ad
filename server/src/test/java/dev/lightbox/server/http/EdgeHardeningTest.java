package dev.lightbox.server.http;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At the HTTP edge: nosniff on every answer, and a deadline for a request's headers (slowloris). */
class EdgeHardeningTest {
  @TempDir
  Path dir;

  @Test
  void everyAnswerSaysNoSniff() throws Exception {
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http anonymous = new Http(server.baseUri());
      Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
      HttpResponse<byte[]> up = alice.uploadRaw("/api/assets?filename=a.jpg", Media.file("photo/immich_picasa_tags.jpg"));
      String id = json(up).get("id").asText();
      assertNoSniff(up); // JSON
      assertNoSniff(alice.get("/api/assets")); // JSON list
      assertNoSniff(alice.get("/api/assets/" + id + "/original")); // a file
      assertNoSniff(anonymous.get("/health"));
      assertNoSniff(anonymous.get("/api/assets")); // 401 problem
      assertNoSniff(alice.get("/api/assets/no-such-asset")); // 404 problem
      assertNoSniff(anonymous.send("PATCH", "/health", java.net.http.HttpRequest.BodyPublishers.noBody())); // 405
      assertNoSniff(anonymous.get("/metrics", TestServer.METRICS_AUTHORIZATION)); // text
      assertNoSniff(anonymous.get("/")); // the gallery
      // an error Jetty raises itself, before any handler
      String raw = exchange(server, "GET /health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n");
      assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("X-Content-Type-Options: nosniff");
    }
  }

  private static void assertNoSniff(HttpResponse<byte[]> r) {
    assertThat(r.headers().allValues("X-Content-Type-Options")).as(r.uri() + " " + r.statusCode())
        .containsExactly("nosniff");
  }

  @Test
  void aHeaderDribbledSlowlyIsCutAfterTheDeadlineButIdleAndSlowBodiesAreNot() throws Exception {
    int deadlineSeconds = 2;
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir)
        .set("LIGHTBOX_HEADER_TIMEOUT", String.valueOf(deadlineSeconds)).start()) {
      // A keep-alive connection idle for longer than the deadline still serves its next request.
      try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
        socket.setSoTimeout(120_000);
        String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
        Thread.sleep(3L * deadlineSeconds * 1000); // idle time, not synchronisation: nothing to poll
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
      }

      // A header sent a byte every 100 ms (well under the idle timeout) is cut after the deadline.
      try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        AtomicBoolean writing = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread dribbler = Thread.ofVirtual().start(() -> {
          try {
            for (int i = 0; writing.get() && i < 3000; i++) { // at most 5 minutes
              out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
              out.flush();
              Thread.sleep(100);
            }
          } catch (IOException | InterruptedException e) {
            // closed by the server: what this test waits for
          }
        });
        int read;
        try {
          read = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the connection was still open after 2 minutes", e);
        } catch (IOException e) {
          read = -1; // reset by the server
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        writing.set(false);
        dribbler.join();
        assertThat(read).as("no answer, the connection is closed").isEqualTo(-1);
        assertThat(elapsedMillis).as("closed within 5 x the deadline")
            .isGreaterThanOrEqualTo(deadlineSeconds * 1000L - 100).isLessThan(5L * deadlineSeconds * 1000);
      }
    }
  }

  @Test
  void aRequestWhoseAnswerTakesLongerThanTheDeadlineIsNotCut() throws Exception {
    // A GET has no body, so Jetty's parser stays in its header state while the request is handled: the
    // deadline must look at whether a request is in progress, not only at the parser.
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.addBean(new HeaderDeadline(java.time.Duration.ofSeconds(1)));
    jetty.addConnector(connector);
    jetty.setHandler(new org.eclipse.jetty.server.Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          org.eclipse.jetty.util.Callback callback) {
        Thread.ofVirtual().start(() -> {
          try {
            Thread.sleep(3_000); // three deadlines of work
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          org.eclipse.jetty.io.Content.Sink.write(response, true, "done", callback);
        });
        return true;
      }
    });
    jetty.start();
    try (Socket socket = new Socket("127.0.0.1", connector.getLocalPort())) {
      socket.setSoTimeout(120_000);
      socket.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("done");
    } finally {
      jetty.stop();
    }
  }

  private static String exchange(LightboxServer server, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
      socket.setSoTimeout(120_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return readResponse(socket.getInputStream());
    }
  }

  /** The status line and headers, and the body when it has a Content-Length. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
    if (m.find()) {
      text += new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.ISO_8859_1);
    }
    return text;
  }
}
