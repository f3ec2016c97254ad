package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.storage.testkit.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lightbox serve} in a separate JVM (real media processing, so renditions are rendered in tmp/),
 * SIGKILLed at random moments while two clients upload, then started again, over and over, with disk and with
 * S3 (S3Proxy) storage. After every start the catalog and the store agree exactly (no object without a row,
 * no row without its bytes), no upload intent is left and the temp folder is empty.
 */
class UploadCrashTest {
  static final int KILLS = 5;
  private static final Pattern RUNNING = Pattern.compile("Lightbox is running at (http://\\S+?)/ ");
  private static final String PASSWORD = "crash-test-password";
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void uploadsKilledAtRandomPointsLeaveNothingOnDisk() throws Exception {
    run("disk", new Random(21));
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void uploadsKilledAtRandomPointsLeaveNothingInTheBucket() throws Exception {
    run("s3", new Random(22));
  }

  private void run(String backend, Random random) throws Exception {
    byte[] photo = Files.readAllBytes(Path.of(System.getProperty("lightbox.media.dir"),
        "photo/immich_prairie_falcon_canonR5_gps.jpg"));
    try (S3ProxyServer s3 = S3ProxyServer.start("uploads")) {
      TestLibrary lib = new TestLibrary(dir, s3.endpoint(), s3.info().region(), s3.info().accessKey(),
          s3.info().secretKey(), s3.bucket());
      lib.settings.put("LIGHTBOX_HOST", "127.0.0.1");
      lib.settings.put("LIGHTBOX_PORT", "0");
      lib.settings.put("LIGHTBOX_STORAGE_BACKEND", backend);
      lib.settings.put("LIGHTBOX_ADMIN_PASSWORD", PASSWORD);
      lib.writeConfig();
      String key = null;
      int leftoverIntents = 0;
      int leftoverTemp = 0;
      AtomicInteger uploaded = new AtomicInteger();
      Queue<String> refused = new ConcurrentLinkedQueue<>();
      for (int i = 0; i <= KILLS; i++) {
        try (ChildMigration server = ChildMigration.start(lib.args("serve"), dir.resolve("server.err"),
            dir.resolve("server.jsa"))) {
          URI base = awaitRunning(server);
          awaitNoIntents(lib);
          lib.assertCatalogAndStorageAgree();
          assertThat(tempFiles(lib)).as("tmp/ after start " + (i + 1)).isEmpty();
          if (i == KILLS) {
            break;
          }
          if (key == null) {
            key = apiKey(base, lib.config.adminEmail());
          }
          AtomicBoolean stop = new AtomicBoolean();
          List<Thread> clients = new ArrayList<>();
          for (int c = 0; c < 2; c++) {
            long seed = random.nextLong();
            String apiKey = key;
            clients.add(Thread.ofVirtual().start(() -> upload(base, apiKey, photo, new Random(seed), stop, uploaded,
                refused)));
          }
          int before = uploaded.get();
          int wanted = random.nextInt(4); // uploads finished before the kill, then a random moment of the next ones
          while (uploaded.get() < before + wanted && server.alive() && refused.isEmpty()) {
            Thread.sleep(5);
          }
          Thread.sleep(random.nextLong(1_500));
          assertThat(server.alive()).as(server.output()).isTrue();
          server.kill();
          stop.set(true);
          for (Thread t : clients) {
            t.join();
          }
          assertThat(refused).as("uploads the live server refused").isEmpty();
        }
        long intents = intents(lib);
        int temp = tempFiles(lib).size();
        System.err.printf("%s kill %d: %d uploads so far, %d intents and %d temp files left behind%n", backend, i + 1,
            uploaded.get(), intents, temp);
        leftoverIntents += (int) intents;
        leftoverTemp += temp;
      }
      assertThat(uploaded.get()).as("uploads that succeeded between the kills").isPositive();
      assertThat(leftoverIntents + leftoverTemp).as("kills that cut an upload midway left something to clean")
          .isPositive();
    }
  }

  /** Uploads distinct photos (the same JPEG with a different tail of 0 to 4 MB) until stopped or cut off. */
  private static void upload(URI base, String key, byte[] photo, Random random, AtomicBoolean stop,
      AtomicInteger uploaded, Queue<String> refused) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    while (!stop.get()) {
      byte[] tail = new byte[random.nextInt(4 << 20)];
      random.nextBytes(tail);
      byte[] file = new byte[photo.length + tail.length];
      System.arraycopy(photo, 0, file, 0, photo.length);
      System.arraycopy(tail, 0, file, photo.length, tail.length);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/assets?filename=photo-"
                + random.nextInt(1_000_000) + ".jpg")).header("x-api-key", key)
            .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(file))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
          refused.add(r.statusCode() + " " + r.body());
          return;
        }
        uploaded.incrementAndGet();
      } catch (IOException killed) {
        return; // the server was killed under the upload
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static URI awaitRunning(ChildMigration server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      Matcher m = RUNNING.matcher(server.output());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      assertThat(server.alive()).as("the server exited:\n" + server.output()).isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start in 2 minutes:\n" + server.output());
  }

  /** Polls until the server's start-up sweep has resolved every leftover intent. */
  private static void awaitNoIntents(TestLibrary lib) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (intents(lib) > 0) {
      assertThat(System.nanoTime()).as("leftover intents resolved within 2 minutes").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long intents(TestLibrary lib) {
    try (Catalog catalog = Catalog.open(lib.config.dbUrl(), null, null)) {
      return catalog.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM store_intents").mapTo(Long.class)
          .one());
    }
  }

  private static List<Path> tempFiles(TestLibrary lib) {
    Path tmp = lib.config.tempDir();
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      return all.filter(p -> !p.equals(tmp)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String apiKey(URI base, String email) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    HttpResponse<String> key = http.send(HttpRequest.newBuilder(base.resolve("/api/keys"))
        .header("Content-Type", "application/json").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash-test\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    return new ObjectMapper().readTree(key.body()).get("key").asText();
  }
}
