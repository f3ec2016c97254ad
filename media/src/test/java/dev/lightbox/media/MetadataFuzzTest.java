package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.internal.ai.AiMetadataParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded random-mutation fuzz test of the whole metadata path (format sniffing, metadata-extractor, the
 * PNG chunk reader, stealth data, C2PA, every AI parser) seeded with the real corpus files, which the
 * coverage-guided Jazzer test ({@code MetadataParsersFuzzTest}) does not see: bit flips, interesting bytes,
 * corrupted lengths, truncation, splices.
 * Only {@link MediaException} may escape, and every input must finish within 5 s. Runs for
 * {@code -Dlightbox.fuzz.seconds} (default 10); a failing input is saved under target/fuzz-failures.
 */
class MetadataFuzzTest {
  /** Generous, so a loaded CI machine is not mistaken for a hang; a real hang runs for ever. */
  private static final int HANG_SECONDS = 30;
  private static final long SEED = Long.getLong("lightbox.fuzz.seed", System.nanoTime());
  private static final int SECONDS = Integer.getInteger("lightbox.fuzz.seconds", 10);

  @TempDir
  Path tmp;

  @Test
  void mutatedFilesNeverCrashOrHang() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (String f : Corpus.all()) {
      Path p = Corpus.file(f);
      if (Files.size(p) <= 3_000_000 && !f.startsWith("video/") && !f.endsWith(".mp4") && !f.endsWith(".webm")) {
        seeds.add(Files.readAllBytes(p));
      }
    }
    Random r = new Random(SEED);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
    int runs = 0;
    try (MediaProcessor media = MediaProcessors.create(new MediaConfig(tmp.resolve("work"), false, 50_000_000L,
        Duration.ofSeconds(5)))) {
      while (System.nanoTime() < end) {
        byte[] input = Mutator.mutate(seeds.get(r.nextInt(seeds.size())), r, seeds);
        Path file = tmp.resolve("input");
        Files.write(file, input);
        Future<?> f = worker.submit(() -> {
          try {
            media.analyze(file, "fuzz");
          } catch (MediaException expected) {
            assertThat(expected.getMessage()).contains("fuzz");
          }
        });
        try {
          f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
          Path saved = save(input, runs);
          throw new AssertionError("input " + saved + " (seed " + SEED + ") " + (e instanceof TimeoutException
              ? "hung for " + HANG_SECONDS + " s" : "threw " + e.getCause()), e instanceof TimeoutException ? e : e.getCause());
        }
        runs++;
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.println("metadata fuzz: " + runs + " files in " + SECONDS + " s, seed " + SEED);
    assertThat(runs).isPositive();
  }

  @Test
  void mutatedGeneratorTextNeverThrows() throws Exception {
    List<Map<String, String>> seeds = new ArrayList<>();
    try (MediaProcessor media = MediaProcessors.create(new MediaConfig(tmp, false, 50_000_000L,
        Duration.ofSeconds(5)))) {
      for (String f : Corpus.under("ai")) {
        AiMetadata ai = media.analyze(Corpus.file(f), f).ai();
        if (ai != null && !ai.rawChunks().isEmpty()) {
          seeds.add(ai.rawChunks());
        }
      }
    }
    Random r = new Random(SEED);
    long end = System.nanoTime() + Duration.ofSeconds(Math.max(2, SECONDS / 4)).toNanos();
    int runs = 0;
    while (System.nanoTime() < end) {
      Map<String, String> texts = new HashMap<>(seeds.get(r.nextInt(seeds.size())));
      for (Map.Entry<String, String> e : texts.entrySet()) {
        if (r.nextBoolean()) {
          e.setValue(Mutator.mutateText(e.getValue(), r));
        }
      }
      List<String> warnings = new ArrayList<>();
      AiMetadataParser.parse(texts, r.nextBoolean(), null, warnings);
      runs++;
    }
    assertThat(runs).isPositive();
  }

  private static Path save(byte[] input, int run) throws IOException {
    Path dir = Path.of("target", "fuzz-failures");
    Files.createDirectories(dir);
    return Files.write(dir.resolve("input-" + SEED + "-" + run + ".bin"), input);
  }
}
