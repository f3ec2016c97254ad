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
    assertThat(out.toString()).contains("--origin", "--apply-cors", "--serve-mode", "temporary prefix", "Exit status");
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
