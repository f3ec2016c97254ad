package dev.lightbox.media.bench;

import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.media.RenditionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * In-process thumbnail throughput for bench/media-bench.sh: every JPEG in a directory to a 250 px WebP
 * thumbnail, with N worker threads. Prints one line: {@code engine workers files seconds thumbs_per_s cpu_seconds}.
 * Usage: {@code ThumbnailBench <dir> <workers> <out-dir> [libvips|imageio]}.
 */
public final class ThumbnailBench {
  private ThumbnailBench() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int workers = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    boolean libvips = args.length < 4 || args[3].equals("libvips");
    Files.createDirectories(out);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    MediaConfig config = new MediaConfig(out.resolve("tmp"), libvips, 200_000_000L, Duration.ofSeconds(120));
    try (MediaProcessor media = MediaProcessors.create(config)) {
      if (libvips && !media.engine().startsWith("libvips")) {
        throw new IllegalStateException("libvips is not available: " + MediaProcessors.libvipsUnavailableReason());
      }
      run(media, files.subList(0, Math.min(4, files.size())), workers, out); // warm-up: JIT, libvips init
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      run(media, files, workers, out);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(java.util.Locale.ROOT, "%s %d %d %.3f %.1f %.3f%n", media.engine().replace(' ', '-'),
          workers, files.size(), seconds, files.size() / seconds, cpu);
    }
  }

  private static void run(MediaProcessor media, List<Path> files, int workers, Path out) throws Exception {
    ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files);
    Thread[] threads = new Thread[workers];
    Throwable[] failure = new Throwable[1];
    for (int w = 0; w < workers; w++) {
      threads[w] = Thread.ofPlatform().start(() -> {
        Path f;
        while ((f = queue.poll()) != null) {
          try {
            media.render(f, f.getFileName().toString(), RenditionSpec.THUMBNAIL,
                out.resolve(f.getFileName() + ".webp"));
          } catch (RuntimeException e) {
            failure[0] = e;
          }
        }
      });
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("a thumbnail failed", failure[0]);
    }
  }
}
