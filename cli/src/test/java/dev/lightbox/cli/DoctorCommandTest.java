package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.storage.testkit.S3ProxyServer;
import picocli.CommandLine;

/** {@code lightbox doctor} end to end against S3Proxy, settings from an environment map and options. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorCommandTest {
  private S3ProxyServer server;

  @TempDir
  Path dir;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private record Run(int exit, String out, String err) {
  }

  private Map<String, String> env(boolean withKeys) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.toString());
    env.put("LIGHTBOX_S3_ENDPOINT", server.endpoint().toString());
    env.put("LIGHTBOX_S3_BUCKET", server.bucket());
    if (withKeys) {
      env.put("LIGHTBOX_S3_ACCESS_KEY_ID", server.info().accessKey());
      env.put("LIGHTBOX_S3_SECRET_ACCESS_KEY", server.info().secretKey());
    }
    return env;
  }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new DoctorCommand(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void helpIsRegisteredUnderLightbox() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new LightboxCommand()).setOut(new PrintWriter(out)).execute("doctor", "--help");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("--origin", "--apply-cors", "--serve-mode", "temporary prefix", "Exit status", "--sweep");
  }

  @Test
  void anImmichEnvFileNamesTheBucketForTheDoctor() throws Exception {
    Path immichEnv = dir.resolve(".env");
    java.nio.file.Files.writeString(immichEnv, "UPLOAD_LOCATION=./library\n"
        + "IMMICH_S3_BUCKET=" + server.bucket() + "\n"
        + "IMMICH_S3_ENDPOINT=" + server.endpoint() + "\n"
        + "IMMICH_S3_ACCESS_KEY_ID=" + server.info().accessKey() + "\n"
        + "IMMICH_S3_SECRET_ACCESS_KEY=" + server.info().secretKey() + "\n"
        + "IMMICH_S3_SERVE_MODE=proxy\n");
    Run r = run(Map.of("HOME", dir.toString()), "--config", immichEnv.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Verdict: ready for serve mode proxy").doesNotContain(server.info().secretKey());
  }

  @Test
  void aBucketThatDoesWhatProxyModeNeedsExitsZero() {
    Run r = run(env(true), "--serve-mode", "proxy");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("FEATURE", "multipart upload", "works", "Suggested preset: custom",
        "LIGHTBOX_S3_SERVE_MODE=proxy", "Verdict: ready for serve mode proxy", "Clean-up: removed")
        .doesNotContain(server.info().secretKey());
  }

  @Test
  void aNeededFeatureThatFailsExitsNonZero() {
    Run r = run(env(true), "--serve-mode", "redirect", "--origin", "https://photos.example");
    assertThat(r.exit()).isEqualTo(DoctorCommand.NOT_READY);
    assertThat(r.out()).contains("CORS", "not supported", "NOT ready for serve mode redirect: CORS does not work");
  }

  @Test
  void credentialsFromAProfileAndAnOpenFileRefused() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[lab]\naccess_key_id = " + server.info().accessKey() + "\nsecret_access_key = "
        + server.info().secretKey() + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = env(false);
    env.put("LIGHTBOX_S3_CREDENTIALS_FILE", file.toString());
    Run ok = run(env, "--profile", "lab", "--serve-mode", "proxy");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("credentials: profile 'lab'");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Run refused = run(env, "--profile", "lab");
    assertThat(refused.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(refused.err()).contains("chmod 600").doesNotContain(server.info().secretKey());
  }

  @Test
  void sweepRemovesOldLeftoversOfKilledUploadsUnderThePrefixOnly() throws Exception {
    Path bucketDir = server.dataDir().resolve(server.bucket());
    Path killed = aged(write(bucketDir.resolve("swept/.lightbox-tmp/killed-put"), 40));
    Path recent = write(bucketDir.resolve("swept/.lightbox-tmp/in-progress"), 3);
    Path photo = aged(write(bucketDir.resolve("swept/photo.jpg"), 10));
    Path otherPrefix = aged(write(bucketDir.resolve("elsewhere/.lightbox-tmp/killed-put"), 5));

    Run r = run(env(true), "--serve-mode", "proxy", "--prefix", "swept/", "--sweep");

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Sweep (leftovers older than 24 h in s3://" + server.bucket() + "/swept/)",
        "removed 1 temporary item (40 bytes), aborted 0 incomplete uploads, kept 1 recent");
    assertThat(killed).doesNotExist();
    assertThat(recent).exists();
    assertThat(photo).exists();
    assertThat(otherPrefix).exists();
    assertThat(run(env(true), "--serve-mode", "proxy", "--sweep", "--sweep-age", "0").out())
        .contains("Sweep failed", "at least 1 hour");
  }

  private static Path write(Path file, int size) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[size]);
  }

  private static Path aged(Path file) throws java.io.IOException {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
    return file;
  }

  @Test
  void badSettingsAreNamedWithoutAStackTrace() {
    Run preset = run(env(true), "--preset", "tape");
    assertThat(preset.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(preset.err()).contains("unknown provider preset 'tape'", "aws, b2, r2").doesNotContain("\tat ");
    Map<String, String> noBucket = env(true);
    noBucket.remove("LIGHTBOX_S3_BUCKET");
    assertThat(run(noBucket).err()).contains("--bucket or set LIGHTBOX_S3_BUCKET");
    assertThat(run(env(true), "--serve-mode", "sideways").err()).contains("redirect or proxy");
  }
}
