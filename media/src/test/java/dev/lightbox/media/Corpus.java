package dev.lightbox.media;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared real-media corpus ({@code ../shared/media}, given as system property lightbox.media.dir). */
public final class Corpus {
  private Corpus() {
  }

  public static Path dir() {
    String prop = System.getProperty("lightbox.media.dir");
    Path dir = prop == null ? null : Path.of(prop);
    assumeTrue(dir != null && Files.isRegularFile(dir.resolve("MANIFEST.tsv")),
        "shared media corpus not found at " + dir + " (system property lightbox.media.dir)");
    return dir;
  }

  public static Path file(String relative) {
    return dir().resolve(relative);
  }

  /** Every file listed in MANIFEST.tsv, as relative paths. */
  public static List<String> all() {
    try (Stream<String> lines = Files.lines(dir().resolve("MANIFEST.tsv"))) {
      return lines.skip(1).filter(l -> !l.isBlank()).map(l -> l.substring(0, l.indexOf('\t'))).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> under(String folder) {
    return all().stream().filter(f -> f.startsWith(folder + "/")).toList();
  }

  public static boolean hasLibvips() {
    try (MediaProcessor p = MediaProcessors.create(MediaConfig.defaults(Path.of(System.getProperty("java.io.tmpdir"))))) {
      return p.engine().startsWith("libvips");
    }
  }
}
