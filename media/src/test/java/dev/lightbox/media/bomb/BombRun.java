package dev.lightbox.media.bomb;

import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.MediaProcessors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Analyzes every file of a folder, one after the other, in this JVM (started by {@link MetadataBombTest}
 * with a small heap) and prints one line per file: {@code OK name warnings} or {@code FAIL name error}.
 */
public final class BombRun {
  private BombRun() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    try (MediaProcessor media = MediaProcessors.create(MediaConfig.defaults(temp))) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          MediaAnalysis a = media.analyze(f, name);
          System.out.println("OK\t" + name + "\t" + String.join(" | ", a.warnings()).replace('\n', ' '));
        } catch (Throwable t) {
          System.out.println("FAIL\t" + name + "\t" + t.toString().replace('\n', ' '));
        }
      }
    }
  }
}
