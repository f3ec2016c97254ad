package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.testkit.S3ProxyServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration of 3,000 small objects in a separate JVM, killed with SIGKILL at 20+ random moments (starting
 * up, planning, copying, switching, deleting) and resumed each time. Afterwards every asset is readable
 * through the server with its hash, catalog and storage agree exactly, and rclone finds the disk tree and the
 * bucket identical. Then a rollback, killed a few times too, restores the library byte for byte.
 */
class MigrateCrashTest {
  static final int ASSETS = 1_000;
  static final int KILLS = 22;
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aMigrationKilledAtRandomMomentsResumesToAnExactlyConsistentLibrary() throws Exception {
    assumeTrue(rcloneInstalled(), "rclone is not installed (Debian package 'rclone'); the crash test uses it as the"
        + " independent check of disk against bucket");
    try (S3ProxyServer s3 = S3ProxyServer.start("crash")) {
      TestLibrary lib = new TestLibrary(dir, s3.endpoint(), s3.info().region(), s3.info().accessKey(),
          s3.info().secretKey(), s3.bucket());
      lib.settings.put("LIGHTBOX_HOST", "127.0.0.1");
      lib.settings.put("LIGHTBOX_PORT", "0");
      lib.settings.put("LIGHTBOX_S3_SERVE_MODE", "proxy");
      lib.settings.put("LIGHTBOX_ADMIN_PASSWORD", "crash-test-password");
      lib.writeConfig();
      ServerConfig config = ConfigLoader.fromMap(lib.settings);
      String apiKey = adminApiKey(config);
      lib.populate(adminId(config), ASSETS, 3_000, 11);
      Map<String, String> catalogBefore = lib.catalogObjects();
      Map<String, String> diskBefore = lib.stored("disk:");
      assertThat(catalogBefore).hasSize(3 * ASSETS);

      List<String> migrate = lib.args("migrate", "--to", "s3", "--concurrency", "8");
      ChildMigration dryRun = child(lib.args("migrate", "--to", "s3", "--dry-run")); // also writes the CDS archive
      assertThat(dryRun.waitFor(120)).as(dryRun.output()).isZero();
      int kills = killRepeatedly(lib, migrate, KILLS, new Random(5));
      assertThat(kills).isGreaterThanOrEqualTo(20);
      ChildMigration last = child(migrate);
      assertThat(last.waitFor(120)).as(last.output()).isZero();

      Map<String, String> catalogAfter = lib.catalogObjects();
      assertThat(catalogAfter).hasSize(3 * ASSETS).allSatisfy((loc, sha) -> assertThat(loc).startsWith("s3:"));
      Map<String, String> expected = new TreeMap<>(catalogAfter);
      diskBefore.forEach((key, sha) -> expected.put("disk:" + key, sha));
      assertThat(lib.storedObjects()).as("storage holds exactly the catalog's objects plus the kept sources")
          .isEqualTo(expected);
      assertThat(batchStates(config)).as("one batch, resumed each time").containsExactly("completed");
      assertEveryAssetReadable(config, apiKey, catalogAfter);
      assertRcloneAgrees(lib, s3);

      String batch = batchIds(config).getFirst();
      List<String> rollback = lib.args("migrate", "rollback", batch, "--concurrency", "8", "--source-grace", "0");
      int rollbackKills = killRepeatedly(lib, rollback, 4, new Random(6));
      ChildMigration undo = child(rollback);
      assertThat(undo.waitFor(120)).as(undo.output()).isZero();
      assertThat(rollbackKills).as("a rollback of kept sources can finish fast; it must be cut at least once")
          .isGreaterThanOrEqualTo(1);
      assertThat(lib.catalogObjects()).isEqualTo(catalogBefore);
      assertThat(lib.stored("s3:")).isEmpty();
      assertThat(lib.stored("disk:")).isEqualTo(diskBefore);
    }
  }

  private ChildMigration child(List<String> args) {
    return ChildMigration.start(args, dir.resolve("child.err"), dir.resolve("child.jsa"));
  }

  /**
   * Starts the command and SIGKILLs it, again and again: some kills during start-up and planning, most
   * while copying. The window after start-up adapts so that the kills spread over the whole batch.
   */
  private int killRepeatedly(TestLibrary lib, List<String> args, int kills, Random random) throws Exception {
    long window = 600;
    long startup = 1_500;
    int done = 0;
    for (int i = 0; i < kills; i++) {
      try (ChildMigration child = child(args)) {
        long began = System.nanoTime();
        if (random.nextInt(5) == 0) {
          Thread.sleep(random.nextLong(startup)); // while the JVM starts, the catalog opens, the plan is written
        } else {
          if (!child.awaitCopying(60_000)) {
            break; // it ended on its own: nothing left to do
          }
          startup = Math.max(200, (System.nanoTime() - began) / 1_000_000);
          System.err.println("start-up took " + startup + " ms");
          Thread.sleep(random.nextLong(window));
        }
        if (!child.alive()) {
          break;
        }
        child.kill();
        done++;
        double progress = progress(lib);
        System.err.printf("kill %d after %d ms: %.1f%% done%n", done, (System.nanoTime() - began) / 1_000_000,
            progress * 100);
        double schedule = (i + 1.0) / (kills + 1.0);
        window = progress > schedule ? Math.max(50, window / 2) : Math.min(3_000, window * 3 / 2);
      }
    }
    return done;
  }

  private static double progress(TestLibrary lib) {
    try (Catalog catalog = Catalog.open(lib.config.dbUrl(), null, null)) {
      return catalog.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(AVG(CASE WHEN state = 'pending' THEN 0.0"
          + " ELSE 1.0 END), 0) FROM migration_items WHERE batch_id = (SELECT id FROM migration_batches ORDER BY"
          + " created_at DESC LIMIT 1)").mapTo(Double.class).one());
    }
  }

  private static List<String> batchStates(ServerConfig config) {
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      return catalog.jdbi().withHandle(h -> h.createQuery("SELECT state FROM migration_batches").mapTo(String.class)
          .list());
    }
  }

  private static List<String> batchIds(ServerConfig config) {
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      return catalog.jdbi().withHandle(h -> h.createQuery("SELECT id FROM migration_batches").mapTo(String.class)
          .list());
    }
  }

  private static String adminApiKey(ServerConfig config) throws Exception {
    try (LightboxServer server = LightboxServer.builder(config).announce(line -> { }).start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"email\":\"" + config.adminEmail() + "\",\"password\":\"crash-test-password\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> key = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/keys"))
          .header("Content-Type", "application/json").header("Cookie", cookie)
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"crash-test\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      return new ObjectMapper().readTree(key.body()).get("key").asText();
    }
  }

  private static String adminId(ServerConfig config) {
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      return catalog.users().findByEmail(config.adminEmail()).orElseThrow().id();
    }
  }

  /** Every object of every asset through the server (proxy mode), hashed against the catalog. */
  private static void assertEveryAssetReadable(ServerConfig config, String apiKey, Map<String, String> objects)
      throws Exception {
    Map<String, String> refs = new TreeMap<>();
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      catalog.jdbi().useHandle(h -> {
        h.createQuery("SELECT id, sha256 FROM assets").map((rs, ctx) -> Map.entry(rs.getString(1) + "/original",
            rs.getString(2))).forEach(e -> refs.put(e.getKey(), e.getValue()));
        h.createQuery("SELECT asset_id, kind, sha256 FROM renditions").map((rs, ctx) -> Map.entry(rs.getString(1)
            + "/" + rs.getString(2), rs.getString(3))).forEach(e -> refs.put(e.getKey(), e.getValue()));
      });
    }
    assertThat(refs).hasSameSizeAs(objects);
    try (LightboxServer server = LightboxServer.builder(config).announce(line -> { }).start()) {
      HttpClient http = HttpClient.newHttpClient();
      List<String> problems = new ArrayList<>();
      for (Map.Entry<String, String> e : refs.entrySet()) {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/assets/"
            + e.getKey())).header("x-api-key", apiKey).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 || !Sha256.hex(r.body()).equals(e.getValue())) {
          problems.add(e.getKey() + " answered " + r.statusCode());
        }
      }
      assertThat(problems).isEmpty();
    }
  }

  /** rclone, as an independent tool, compares the disk tree with the bucket (sizes and MD5s). */
  private void assertRcloneAgrees(TestLibrary lib, S3ProxyServer s3) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("rclone", "check", lib.config.diskRoot().toString(),
        "crash:" + s3.bucket(), "--exclude", ".lightbox*/**", "--exclude", ".lightbox*")
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("AWS_CA_BUNDLE"); // rclone 1.60 refuses to start with it
    env.put("RCLONE_CONFIG_CRASH_TYPE", "s3");
    env.put("RCLONE_CONFIG_CRASH_PROVIDER", "Other");
    env.put("RCLONE_CONFIG_CRASH_ENDPOINT", s3.endpoint().toString());
    env.put("RCLONE_CONFIG_CRASH_ACCESS_KEY_ID", s3.info().accessKey());
    env.put("RCLONE_CONFIG_CRASH_SECRET_ACCESS_KEY", s3.info().secretKey());
    env.put("RCLONE_CONFIG_CRASH_REGION", s3.info().region());
    env.put("RCLONE_CONFIG_CRASH_FORCE_PATH_STYLE", "true");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("0 differences found", (3 * ASSETS) + " matching files");
  }

  private static boolean rcloneInstalled() {
    try {
      ProcessBuilder pb = new ProcessBuilder("rclone", "version").redirectErrorStream(true);
      pb.environment().remove("AWS_CA_BUNDLE");
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
