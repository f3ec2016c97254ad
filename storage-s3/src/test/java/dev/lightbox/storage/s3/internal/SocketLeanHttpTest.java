package dev.lightbox.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lean HTTP/1.1 client against a scripted server on port 0: framing, keep-alive and stale connections. */
class SocketLeanHttpTest {
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final SocketLeanHttp http = new SocketLeanHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), 8);

  @AfterEach
  void stop() throws Exception {
    http.close();
    if (server != null) {
      server.close();
    }
  }

  /** Serves answers in order; {@code answers} gets the request's number and says what to send (null: close). */
  private URI serve(int perConnection, IntFunction<String> answers) throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger served = new AtomicInteger();
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = s.getOutputStream()) {
              for (int i = 0; i < perConnection; i++) {
                String line = in.readLine();
                if (line == null) {
                  return;
                }
                requestLines.add(line);
                while (!in.readLine().isEmpty()) {
                  // headers
                }
                out.write(answers.apply(served.getAndIncrement()).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
              }
            } catch (Exception ignored) {
              // the client went away
            }
          });
        } catch (Exception e) {
          return;
        }
      }
    });
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/bucket/key%20one");
  }

  private static String read(LeanHttp.Response r) throws Exception {
    try (InputStream in = r.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void fixedLengthAndChunkedBodiesArriveWholeOverOneKeptConnection() throws Exception {
    URI uri = serve(10, n -> n % 2 == 0
        ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"e\"\r\nx-amz-meta-a: 1\r\n\r\nhello"
        : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    for (int i = 0; i < 4; i++) {
      LeanHttp.Response r = http.send("GET", uri, Map.of("range", "bytes=0-4"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(read(r)).isEqualTo(i % 2 == 0 ? "hello" : "abcde");
      if (i % 2 == 0) {
        assertThat(r.header("etag")).isEqualTo("\"e\"");
        assertThat(r.header("x-amz-meta-a")).isEqualTo("1");
      }
    }
    assertThat(connections).hasValue(1);
    assertThat(requestLines).allMatch(l -> l.equals("GET /bucket/key%20one HTTP/1.1"));
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedWithoutAnError() throws Exception {
    URI uri = serve(1, n -> "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnot");
    for (int i = 0; i < 3; i++) {
      LeanHttp.Response r = http.send("GET", uri, Map.of());
      assertThat(r.status()).isEqualTo(404);
      assertThat(read(r)).isEqualTo("not");
    }
    assertThat(connections).hasValue(3);
  }

  @Test
  void headAndConnectionCloseAndBodiesUntilTheEnd() throws Exception {
    URI uri = serve(1, n -> n == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
        : "HTTP/1.0 200 OK\r\n\r\nto the end");
    LeanHttp.Response head = http.send("HEAD", uri, Map.of());
    assertThat(head.header("content-length")).isEqualTo("1000");
    assertThat(read(head)).isEmpty();
    assertThat(read(http.send("GET", uri, Map.of()))).isEqualTo("to the end");
  }

  @Test
  void abortingABodyDropsTheConnection() throws Exception {
    URI uri = serve(5, n -> "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "x".repeat(200_000));
    LeanHttp.Response r = http.send("GET", uri, Map.of());
    assertThat(r.body().read(new byte[10])).isPositive();
    r.abort();
    assertThat(read(http.send("GET", uri, Map.of()))).hasSize(200_000);
    assertThat(connections).hasValue(2);
  }

  @Test
  void aBodyStreamsAsItArrivesInsteadOfBeingBufferedWhole() throws Exception {
    java.util.concurrent.CountDownLatch firstPartRead = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean readBeforeTheRestWasSent = new java.util.concurrent.atomic.AtomicBoolean();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
        s.getInputStream().read(new byte[4096]); // the request
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "a".repeat(1000))
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        readBeforeTheRestWasSent.set(firstPartRead.await(60, java.util.concurrent.TimeUnit.SECONDS));
        out.write("b".repeat(199_000).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (Exception ignored) {
        // the client went away
      }
    });
    LeanHttp.Response r = http.send("GET", URI.create("http://127.0.0.1:" + server.getLocalPort() + "/b/k"), Map.of());
    try (InputStream body = r.body()) {
      assertThat(new String(body.readNBytes(1000), StandardCharsets.ISO_8859_1)).isEqualTo("a".repeat(1000));
      firstPartRead.countDown();
      assertThat(body.readAllBytes()).hasSize(199_000);
    }
    assertThat(readBeforeTheRestWasSent).as("the first bytes were readable before the rest was sent").isTrue();
  }
}
