package dev.lightbox.media.bomb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.internal.MediaFormat;
import dev.lightbox.media.internal.meta.ImageFactsReader;
import dev.lightbox.media.internal.meta.InflateBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: metadata bombs (text chunks inflating to 1 GiB, huge XMP in PNG, WebP and GIF, declared sizes
 * beyond the file, EXIF loops, nested boxes, ICC profiles with thousands of overlapping tags, a 16-bit stealth
 * PNG too large to decode whole, megabytes of JPEG segments and C2PA packets) are analyzed in a JVM with a 256 MiB heap; each succeeds with a warning. Time is
 * not measured: the inflated bytes are, since every walk is linear in them.
 */
class MetadataBombTest {
  @TempDir
  static Path dir;
  static Map<String, String> expected;

  @BeforeAll
  static void makeCorpus() throws IOException {
    String media = System.getProperty("lightbox.media.dir");
    Path heic = media == null ? null : Path.of(media, "photo", "immich_iphone_IMG_2682.heic");
    expected = BombCorpus.write(Files.createDirectories(dir.resolve("bombs")), heic);
  }

  @Test
  void everyBombIsAnalyzedWithAWarningInASmallHeap() throws Exception {
    Path out = dir.resolve("run.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), BombRun.class.getName(),
        dir.resolve("bombs").toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    // generous: only a hang stops the test here; how long the run takes is not asserted
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the run finished").isTrue();
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    Map<String, String[]> lines = new LinkedHashMap<>();
    for (String line : output.lines().toList()) {
      String[] f = line.split("\t", -1);
      if (f.length == 3 && (f[0].equals("OK") || f[0].equals("FAIL"))) {
        lines.put(f[1], f);
      }
    }
    expected.forEach((name, fragment) -> {
      assertThat(lines).as(output).containsKey(name);
      String[] f = lines.get(name);
      assertThat(f[0]).as(name + ": " + f[2]).isEqualTo("OK");
      assertThat(f[2]).as(name).contains(fragment).doesNotContain(dir.toString()).doesNotContain("MetadataLimits")
          .doesNotContain("MediaConfig");
    });
  }

  @Test
  void compressedTextInflatesWithinTheFileBudget() {
    for (String name : List.of("text-bomb.png", "many-texts.png", "huge-xmp.png")) {
      InflateBudget budget = InflateBudget.perFile();
      var facts = ImageFactsReader.read(dir.resolve("bombs").resolve(name), MediaFormat.PNG, budget);
      assertThat(budget.used()).as(name).isLessThanOrEqualTo(budget.limit());
      assertThat(facts.warnings()).as(name).isNotEmpty();
      assertThat(facts.texts().values().stream().mapToLong(String::length).sum()).as(name)
          .isLessThanOrEqualTo(budget.limit());
    }
  }
}
