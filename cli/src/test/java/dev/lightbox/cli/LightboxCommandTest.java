package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightboxCommandTest {
  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = LightboxCommand.run(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpWorksOnEveryCommand() {
    Run top = run("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.out()).contains("serve");
    Run serve = run("serve", "--help");
    assertThat(serve.exit()).isZero();
    assertThat(serve.out()).contains("--config", "2283", "lightbox-data");
    assertThat(run("help", "serve").out()).contains("--data-dir");
  }

  @Test
  void invalidConfigurationStopsStartUpNamingTheSettingAndTheFix() throws Exception {
    Path config = dir.resolve("lightbox.conf");
    Files.writeString(config, "LIGHTBOX_PORT=eighty\nLIGHTBOX_STORAGE_BACKEND=tape\n");
    Run r = run("serve", "--config", config.toString(), "--data-dir", dir.resolve("data").toString());
    assertThat(r.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(r.err()).contains("LIGHTBOX_PORT 'eighty' is not a whole number", "LIGHTBOX_STORAGE_BACKEND 'tape'",
        "set it to disk or s3").doesNotContain("Exception", "\tat ");
  }

  @Test
  void serveWithNothingConfiguredStartsOnDiskAndSqliteAndSaysWhereToLogIn() throws Exception {
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServeCommand serve = new ServeCommand();
    serve.port = 0;
    serve.dataDir = dir.resolve("lightbox-data");
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try (var server = serve.start(java.util.Map.of())) {
      assertThat(server.config().dbUrl()).startsWith("jdbc:sqlite:").endsWith("lightbox-data/lightbox.db");
      assertThat(server.config().storageBackend().id()).isEqualTo("disk");
      var health = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      System.setOut(oldOut);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Created the admin admin@localhost with the generated password: ",
        "Lightbox is running at http://localhost:", "Log in: open http://localhost:");
    assertThat(dev.lightbox.server.config.ConfigLoader.fromMap(java.util.Map.of()).port()).isEqualTo(2283);
    assertThat(Files.exists(dir.resolve("lightbox-data/storage"))).isTrue();
  }

  @Test
  void unknownSettingsInTheConfigFileAreRefused() throws Exception {
    Path config = dir.resolve("lightbox.conf");
    Files.writeString(config, "LIGHTBOX_PROT=8080\n");
    Run r = run("serve", "--config", config.toString());
    assertThat(r.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(r.err()).contains("unknown setting 'LIGHTBOX_PROT'");
  }
}
