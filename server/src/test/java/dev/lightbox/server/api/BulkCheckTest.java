package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.ingest.IngestRoutes;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.internal.Sha256;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** POST /api/assets/check: which SHA-256s the caller already owns, in bulk, with clear 4xx for bad input. */
class BulkCheckTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    LightboxServer server;
    Http alice;
    Http bob;

    @BeforeEach
    void start() {
      server = TestServer.on(database, dir).start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void answersTheSubsetTheCallerOwns() throws Exception {
      String png = upload(alice, "ai/comfyui_sdxl.png");
      String jpg = upload(alice, "photo/iphone12_BELOW_SEA_LEVEL.jpg");
      String unknown = "0".repeat(64);

      HttpResponse<byte[]> r = check(alice, List.of(png, unknown, jpg.toUpperCase(Locale.ROOT), png));
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
      assertThat(present(r)).containsExactly(png, jpg);

      HttpResponse<byte[]> forBob = check(bob, List.of(png, jpg));
      assertThat(forBob.statusCode()).isEqualTo(200);
      assertThat(present(forBob)).as("another user's files are not the caller's").isEmpty();
    }

    @Test
    void checksTheFullBatchAcrossManyInListChunks() throws Exception {
      String png = upload(alice, "ai/comfyui_sdxl.png");
      List<String> many = new ArrayList<>(IntStream.range(0, IngestRoutes.MAX_CHECK - 1)
          .mapToObj(i -> String.format(Locale.ROOT, "%064x", i)).toList());
      many.add(png);
      HttpResponse<byte[]> r = check(alice, many);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
      assertThat(present(r)).containsExactly(png);
    }

    @Test
    void refusesBadInputWithA400NamingTheProblem() {
      assertThat(check(alice, List.of("abc")).statusCode()).isEqualTo(400);
      assertThat(Http.text(check(alice, List.of("g".repeat(64))))).contains("64 hex digits");
      HttpResponse<byte[]> tooMany = check(alice, IntStream.rangeClosed(0, IngestRoutes.MAX_CHECK)
          .mapToObj(i -> String.format(Locale.ROOT, "%064x", i)).toList());
      assertThat(tooMany.statusCode()).isEqualTo(400);
      assertThat(Http.text(tooMany)).contains("at most " + IngestRoutes.MAX_CHECK);
      assertThat(alice.postJson("/api/assets/check", "{\"sha256\":\"abc\"}").statusCode()).isEqualTo(400);
      assertThat(alice.postJson("/api/assets/check", "{}").statusCode()).isEqualTo(400);
      assertThat(new Http(server.baseUri()).postJson("/api/assets/check", "{\"sha256\":[]}").statusCode())
          .isEqualTo(401);
    }

    private static String upload(Http client, String name) throws Exception {
      Path file = Media.file(name);
      HttpResponse<byte[]> r = client.uploadRaw("/api/assets?filename=" + file.getFileName(), file);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      return Sha256.hex(Files.readAllBytes(file));
    }

    private static HttpResponse<byte[]> check(Http client, List<String> sha256s) {
      return client.postJson("/api/assets/check", sha256s.stream().map(s -> "\"" + s + "\"")
          .collect(Collectors.joining(",", "{\"sha256\":[", "]}")));
    }

    private static List<String> present(HttpResponse<byte[]> r) {
      List<String> out = new ArrayList<>();
      json(r).get("present").forEach(n -> out.add(n.asText()));
      return out;
    }
  }
}
