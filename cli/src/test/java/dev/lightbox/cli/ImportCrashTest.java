package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lightbox import} in a separate JVM, SIGKILLed at random moments of its uploads and run again each time.
 * Afterwards the catalog holds exactly the tree's SHA-256s, each once: nothing duplicated, nothing missed; and
 * every tenth image's {@code .txt} sidecar is attached to it exactly once.
 */
class ImportCrashTest {
  static final int FILES = 600;
  static final int KILLS = 8;
  static final int SIDECAR_EVERY = 10;
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void anImportKilledMidUploadAndRunAgainLeavesEachFileInTheCatalogOnce() throws Exception {
    Path tree = tree();
    Set<String> expected = new HashSet<>();
    try (var files = Files.walk(tree)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
        expected.add(ImportRun.sha256(f));
      }
    }
    try (LightboxServer server = ImportTestServer.start(dir)) {
      String key = ImportTestServer.apiKey(server);
      List<String> args = List.of("import", tree.toString(), "--server", server.baseUri().toString(), "--key", key,
          "--state", dir.resolve("state.tsv").toString(), "--jobs", "2");
      Random random = new Random(7);
      long window = 400;
      int midway = 0;
      for (int i = 0; i < KILLS; i++) {
        try (ChildMigration child = ChildMigration.start(args, dir.resolve("child.err"), dir.resolve("child.jsa"))) {
          if (random.nextInt(4) == 0) {
            Thread.sleep(random.nextLong(1_500)); // while it starts, walks, hashes or saves its state
          } else {
            while (child.alive() && !child.output().contains(" to upload (")) {
              Thread.sleep(5);
            }
            Thread.sleep(random.nextLong(window));
          }
          if (!child.alive()) {
            window = Math.max(10, window / 2); // it finished before the kill: cut sooner next time
            continue;
          }
          child.kill();
        }
        long stored = server.catalog().assets().count();
        System.err.println("after kill " + (i + 1) + ": " + stored + " of " + FILES + " files in the catalog");
        if (stored > 0 && stored < FILES) {
          midway++;
        }
      }
      ChildMigration last = ChildMigration.start(args, dir.resolve("child.err"), dir.resolve("child.jsa"));
      assertThat(last.waitFor(120)).as(last.output()).isZero();
      assertThat(midway).as("kills that cut the uploads midway").isPositive();

      List<String> catalogued = new ArrayList<>();
      for (Asset a : server.catalog().assets().pageById(null, 10 * FILES)) {
        catalogued.add(a.sha256());
      }
      assertThat(catalogued).as("each file once").doesNotHaveDuplicates().hasSize(FILES);
      assertThat(new HashSet<>(catalogued)).isEqualTo(expected);
      Map<String, String> sidecars = new HashMap<>(); // sidecar SHA-256 -> its image's SHA-256, as catalogued
      for (Asset a : server.catalog().assets().pageById(null, 10 * FILES)) {
        for (Sidecar s : server.catalog().assets().sidecars().of(a.id())) {
          assertThat(sidecars.put(s.sha256(), a.sha256())).as("each sidecar once").isNull();
        }
      }
      Map<String, String> expectedSidecars = new HashMap<>();
      try (var files = Files.walk(tree)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
          expectedSidecars.put(ImportRun.sha256(f), ImportRun.sha256(f.resolveSibling(
              f.getFileName().toString().replace(".txt", ".png"))));
        }
      }
      assertThat(sidecars).as("every sidecar with its image").isEqualTo(expectedSidecars);

      ChildMigration again = ChildMigration.start(args, dir.resolve("child.err"), dir.resolve("child.jsa"));
      assertThat(again.waitFor(120)).as(again.output()).isZero();
      assertThat(again.output()).contains("0 to upload");
    }
  }

  /** Distinct small PNGs (a real one with a different tail each) in a few folders. */
  Path tree() throws Exception {
    byte[] png = Files.readAllBytes(Path.of(System.getProperty("lightbox.media.dir"), "ai/sdparsers_a1111_1x1.png"));
    Path root = dir.resolve("tree");
    for (int i = 0; i < FILES; i++) {
      Path f = root.resolve("d" + i % 7).resolve("img-" + i + ".png");
      Files.createDirectories(f.getParent());
      byte[] tail = ("#" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] data = java.util.Arrays.copyOf(png, png.length + tail.length);
      System.arraycopy(tail, 0, data, png.length, tail.length);
      Files.write(f, data);
      if (i % SIDECAR_EVERY == 0) {
        Files.writeString(f.resolveSibling("img-" + i + ".txt"), "image " + i + "\nSteps: 20, Seed: " + i);
      }
    }
    return root;
  }
}
