package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The pieces of {@code lightbox watch} that decide on their own: names, open files, settling, durations. */
class WatchPartsTest {
  @TempDir
  Path dir;

  @Test
  void temporaryAndHiddenNamesAreLeftAlone() {
    for (String n : List.of("a.png.tmp", "a.PNG.TMP", "clip.mp4.part", "x.partial", "x.crdownload", ".~lock.png#",
        ".hidden.png", "backup.png~", "a.png.download")) {
      assertThat(WatchFolders.ignoredName(Path.of("/out", n))).as(n).isTrue();
    }
    for (String n : List.of("ComfyUI_00001_.png", "00001-123.jpg", "tmp.png", "part-1.webp", "a.temporary.png")) {
      assertThat(WatchFolders.ignoredName(Path.of("/out", n))).as(n).isFalse();
    }
  }

  @Test
  void aFileOpenForWritingIsSeenAndOneOpenForReadingIsNot() throws Exception {
    assumeTrue(OpenForWrite.supported(), "needs /proc");
    Path file = dir.resolve("being-written.png");
    Files.write(file, new byte[] {1, 2, 3});
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      out.write(4);
      assertThat(OpenForWrite.among(List.of(file))).containsExactly(file);
    }
    assertThat(OpenForWrite.among(List.of(file))).isEmpty();
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(in.read()).isEqualTo(1);
      assertThat(OpenForWrite.among(List.of(file))).isEmpty();
    }
  }

  @Test
  void aFileIsReadyOnlyAfterItStayedTheSameForTheSettlePeriod() throws Exception {
    Path file = dir.resolve("a.png");
    Files.write(file, new byte[] {1});
    long settle = Duration.ofSeconds(10).toNanos();
    WatchSettling settling = new WatchSettling(settle);
    long t = 1_000;
    settling.add(WatchSettling.stat(file), t);
    assertThat(settling.ready(t + settle - 1)).isEmpty();
    Files.write(file, new byte[] {1, 2}); // grows: the period starts again
    assertThat(settling.ready(t + settle)).isEmpty();
    assertThat(settling.ready(t + 2 * settle - 1)).isEmpty();
    assertThat(settling.ready(t + 2 * settle)).extracting(ImportScan.Candidate::size).containsExactly(2L);
    assertThat(settling.isEmpty()).isTrue();

    settling.add(WatchSettling.stat(file), t);
    Files.move(file, dir.resolve("renamed.png")); // gone under this name: dropped
    assertThat(settling.ready(t + settle)).isEmpty();
    assertThat(settling.isEmpty()).isTrue();
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    WatchCommand.DurationConverter c = new WatchCommand.DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.convert("1.5")).isEqualTo(Duration.ofMillis(1_500));
    assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
  }
}
