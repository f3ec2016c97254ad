package dev.lightbox.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.s3.HttpClientKind;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;

/**
 * Uploads a directory to a bucket or downloads a bucket to a directory through the SDK, as a CLI would.
 * {@code warm} repeats both in one JVM and prints the last runs as TSV rows for the benchmark table.
 */
public final class TransferBench {
  private static final int FILE_CONCURRENCY = Integer.getInteger("bench.files", 32);
  /** Downloads check each file against the SHA-256 stored at upload (as rclone checks MD5s); off only to measure it. */
  private static final int COPY_BUFFER = 256 * 1024;
  private static final boolean PLATFORM_THREADS = Boolean.getBoolean("bench.platformThreads");
  private static final boolean VERIFY = !Boolean.getBoolean("bench.noverify");

  private TransferBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: TransferBench upload|download DIR BUCKET | warm UPDIR DOWNDIR BUCKET BYTES FILES");
      System.exit(2);
    }
    switch (args[0]) {
      case "upload" -> {
        try (BlobStore store = open(args[2])) {
          upload(store, Path.of(args[1]), "");
        }
      }
      case "download" -> {
        try (BlobStore store = open(args[2])) {
          download(store, "", Path.of(args[1]));
        }
      }
      case "warm" -> warm(Path.of(args[1]), Path.of(args[2]), args[3], Long.parseLong(args[4]),
          Long.parseLong(args[5]));
      default -> {
        System.err.println("unknown command " + args[0]);
        System.exit(2);
      }
    }
  }

  static BlobStore open(String bucket) {
    S3Config config = S3Config.builder()
        .endpoint(System.getenv("LIGHTBOX_S3_ENDPOINT"))
        .region(System.getenv().getOrDefault("LIGHTBOX_S3_REGION", "us-east-1"))
        .bucket(bucket)
        .credentials(System.getenv("LIGHTBOX_S3_ACCESS_KEY_ID"), System.getenv("LIGHTBOX_S3_SECRET_ACCESS_KEY"))
        .concurrency(Integer.getInteger("bench.parts", 8))
        .partSize(Long.getLong("bench.partMiB", S3Config.DEFAULT_PART_SIZE >> 20) << 20)
        .httpClient(HttpClientKind.valueOf(System.getProperty("bench.client", "APACHE5")))
        .maxConnections(Integer.getInteger("bench.conns", 64))
        .leanReads(Boolean.parseBoolean(System.getProperty("bench.leanReads",
            String.valueOf(S3Config.DEFAULT_LEAN_READS))))
        .build();
    return S3BlobStore.open(config);
  }

  static void upload(BlobStore store, Path dir, String prefix) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    forEach(files, file -> store.put(BlobKey.of(prefix + file.getFileName()), file, PutOptions.DEFAULTS));
  }

  static void download(BlobStore store, String prefix, Path dir) throws Exception {
    List<BlobInfo> objects;
    try (Stream<BlobInfo> s = store.listAll(prefix)) {
      objects = s.toList();
    }
    forEach(objects, info -> {
      Path target = dir.resolve(info.key().fileName());
      try (BlobStream in = store.get(info.key()); OutputStream out = Files.newOutputStream(target)) {
        // A careful cp checks what it wrote against the SHA-256 stored with the object.
        String expected = VERIFY ? in.info().sha256() : null;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, in.contentLength()))];
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (expected != null) {
            sha256.update(buffer, 0, n);
          }
          out.write(buffer, 0, n);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (expected != null && !actual.equals(expected)) {
          out.close();
          Files.deleteIfExists(target);
          throw new IOException(info.key() + " arrived with SHA-256 " + actual + " but was stored with " + expected);
        }
      }
      return null;
    });
  }

  private interface Task<T> {
    Object run(T item) throws Exception;
  }

  private static <T> void forEach(List<T> items, Task<T> task) throws Exception {
    Semaphore permits = new Semaphore(FILE_CONCURRENCY);
    try (ExecutorService pool = PLATFORM_THREADS ? Executors.newFixedThreadPool(FILE_CONCURRENCY)
        : Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Object>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        permits.acquire();
        futures.add(pool.submit(() -> {
          try {
            return task.run(item);
          } finally {
            permits.release();
          }
        }));
      }
      for (Future<Object> f : futures) {
        f.get();
      }
    }
  }

  /**
   * Warm-up rounds (uploading and downloading the set under a fresh prefix each time), then measured
   * rounds; prints the median of the measured rounds, so one stall on a shared machine does not decide it.
   */
  private static void warm(Path upDir, Path downDir, String bucket, long bytes, long files) throws Exception {
    String set = files > 1 ? "small" : "big";
    int warmup = Integer.getInteger("bench.warmup", files > 1 ? 2 : 1);
    int measured = Integer.getInteger("bench.rounds", files > 1 ? 5 : 2);
    List<Long> ups = new ArrayList<>();
    List<Long> downs = new ArrayList<>();
    try (BlobStore store = open(bucket)) {
      for (int round = 1; round <= warmup + measured; round++) {
        String prefix = "round-" + round + "/";
        double c0 = cpuSeconds();
        long t0 = System.nanoTime();
        upload(store, upDir, prefix);
        long up = System.nanoTime() - t0;
        double c1 = cpuSeconds();
        emptyDirectory(downDir);  // untimed: every round downloads into an empty directory, as the other tools do
        double c2 = cpuSeconds();
        long t2 = System.nanoTime();
        download(store, prefix, downDir);
        long down = System.nanoTime() - t2;
        double c3 = cpuSeconds();
        System.err.printf(Locale.ROOT, "%s round %d: up %.3f s (cpu %.2f s), down %.3f s (cpu %.2f s), "
            + "process cpu so far %.2f s%n", round <= warmup ? "warm-up" : "measured", round, up / 1e9,
            c1 - c0, down / 1e9, c3 - c2, c3);
        if (round > warmup) {
          ups.add(up);
          downs.add(down);
        }
        store.deletePrefix(prefix, false);  // untimed; keeps the store's disk use to one round
      }
    }
    row(set, "up", median(ups), bytes, files);
    row(set, "down", median(downs), bytes, files);
  }

  /**
   * Deletes the files a previous round downloaded. Overwriting them instead would measure the file system:
   * ext4 flushes a file truncated and rewritten when it is closed (auto_da_alloc), which on this machine
   * turned a 0.7 s download round into about 3 s of waiting with the CPU idle.
   */
  private static void emptyDirectory(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.delete(p);
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }


  private static double cpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : -1;
  }

  private static void row(String set, String direction, long nanos, long bytes, long files) {
    System.out.printf(Locale.ROOT, "lightbox sdk (warm jvm)\t%s\t%s\t%.4f\t%d\t%d%n", set, direction,
        nanos / 1e9, bytes, files);
  }
}
