package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's HTTP client against a scripted server: retries on 503 and 429, clear errors otherwise. */
class ImportClientTest {
  record Answer(int status, String body) {
  }

  final Deque<Answer> script = new ArrayDeque<>();
  final AtomicInteger requests = new AtomicInteger();
  HttpServer server;
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      ex.getRequestBody().readAllBytes();
      Answer a = script.isEmpty() ? new Answer(500, "{\"detail\":\"script ran out\"}") : script.poll();
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Retry-After", "0");
      ex.sendResponseHeaders(a.status(), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  ImportClient client(int attempts) {
    return new ImportClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "lbk_k", attempts);
  }

  @Test
  void retriesBusyAnswersUntilTheUploadGoesThrough() throws Exception {
    Path file = Files.writeString(dir.resolve("a b.png"), "bytes");
    script.add(new Answer(503, "{\"detail\":\"storage is busy\"}"));
    script.add(new Answer(429, "{}"));
    script.add(new Answer(201, "{\"sha256\":\"abc\",\"duplicate\":false}"));
    ImportClient.Uploaded u = client(5).upload(file);
    assertThat(u).isEqualTo(new ImportClient.Uploaded("abc", false));
    assertThat(requests).hasValue(3);
  }

  @Test
  void givesUpAfterItsAttemptsAndNamesTheServersReason() throws Exception {
    Path file = Files.writeString(dir.resolve("x.png"), "bytes");
    script.add(new Answer(503, "{\"detail\":\"storage is busy\"}"));
    script.add(new Answer(503, "{\"detail\":\"storage is still busy\"}"));
    assertThatThrownBy(() -> client(2).upload(file)).isInstanceOf(ImportClient.RequestFailed.class)
        .hasMessageContaining("503").hasMessageContaining("storage is still busy");

    script.add(new Answer(415, "{\"detail\":\"not a supported image or video\"}"));
    assertThatThrownBy(() -> client(5).upload(file)).hasMessageContaining("415")
        .hasMessageContaining("not a supported image");
    assertThat(requests).as("a 415 is an answer, not tried again").hasValue(3);
  }

  @Test
  void theProgressLineShowsFilesAndBytesPerSecondAndTheEta() {
    assertThat(ImportProgress.line("uploading", 5, 10, 5_000_000, 10_000_000, java.time.Duration.ofSeconds(1)))
        .isEqualTo("uploading 5/10 files  5.00 MB/10.0 MB  5.0 files/s  5.0 MB/s  ETA 0:01");
  }

  @Test
  void aVanishedFileAndAnUnreachableServerAreFailuresWithAReason() throws Exception {
    assertThatThrownBy(() -> client(3).upload(dir.resolve("gone.png"))).hasMessageContaining("vanished");
    ImportClient nowhere = new ImportClient(URI.create("http://127.0.0.1:1/"), "lbk_k", 2);
    assertThatThrownBy(() -> nowhere.present(List.of("a".repeat(64)))).hasMessageContaining("cannot connect")
        .hasMessageNotContaining("lbk_k");
  }
}
