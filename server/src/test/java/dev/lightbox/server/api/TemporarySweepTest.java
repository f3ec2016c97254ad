package dev.lightbox.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server sweeps what a killed earlier process left in its stores, at start-up and in the background. */
class TemporarySweepTest {
  @TempDir
  Path dir;

  @Test
  void startUpRemovesOldTempFilesOfKilledWritesAndNothingElse() throws Exception {
    TestServer test = TestServer.on(TestDatabases.SQLITE, dir);
    Path library = Files.createDirectories(test.config().diskRoot().resolve("library/u1/2024/05"));
    Path killed = aged(Files.write(library.resolve(".lightbox-tmp-123.part"), new byte[64]));
    Path recent = Files.write(library.resolve(".lightbox-tmp-456.part"), new byte[8]);
    Path userFile = aged(Files.write(library.resolve("kept.jpg"), new byte[16]));

    try (LightboxServer server = test.start()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (Files.exists(killed) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(killed).as("a two-day-old temp file of a killed write").doesNotExist();
      assertThat(recent).as("a temp file a write may still be using").exists();
      assertThat(userFile).exists();
    }
  }

  private static Path aged(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    return file;
  }
}
