package dev.lightbox.bench;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.S3ServerInfo;

/**
 * The read path of the server's S3 proxy mode in isolation: many small objects read by N virtual threads
 * (as the server's request threads read them) through (a) {@code S3BlobStore.get}, the lean signed GET,
 * and (b) presigned GETs over Jetty's HttpClient as the former {@code PresignedReader} sent them.
 * Rounds alternate between the two, so both see the same machine load; prints req/s and this process's
 * CPU time per request side by side (S3Proxy runs in-process unless LIGHTBOX_S3_ENDPOINT and its keys name
 * one elsewhere; then the CPU figure is the reading client's alone).
 * System properties: bench.objects (500), bench.size (40960), bench.threads (64), bench.requests (20000
 * per round), bench.rounds (5 per side, after one warm-up each), bench.conns (S3Config.maxConnections,
 * default the config's own), bench.only (lean|jetty, to profile one side).
 */
public final class ProxyReadBench {
  private static final int OBJECTS = Integer.getInteger("bench.objects", 500);
  private static final int SIZE = Integer.getInteger("bench.size", 40 * 1024);
  private static final int THREADS = Integer.getInteger("bench.threads", 64);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final String ONLY = System.getProperty("bench.only", "");

  private ProxyReadBench() {
  }

  /** One way of reading an object to its end; returns the bytes read. */
  interface Reader {
    long read(int index, byte[] buffer) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String endpoint = System.getenv("LIGHTBOX_S3_ENDPOINT");
    try (S3ProxyServer server = endpoint == null ? S3ProxyServer.start("proxy-read-bench") : null;
        BlobStore store = S3BlobStore.open(config(server != null ? server.info() : externalStore(endpoint)));
        JettyPresignedReader jetty = new JettyPresignedReader()) {
      List<BlobKey> keys = upload(store);
      List<PresignedUrl> urls = new ArrayList<>(keys.size());
      for (BlobKey key : keys) {
        urls.add(store.presignGet(key, PresignRequest.expiringIn(Duration.ofMinutes(30))));
      }
      Reader lean = (i, buffer) -> {
        try (BlobStream in = store.get(keys.get(i))) {
          return drain(in, buffer);
        }
      };
      Reader presigned = (i, buffer) -> jetty.read(urls.get(i), buffer);
      List<Result> leanRuns = new ArrayList<>();
      List<Result> jettyRuns = new ArrayList<>();
      System.out.printf(Locale.ROOT, "%d objects of %d bytes, %d threads, %d requests a round%n",
          OBJECTS, SIZE, THREADS, REQUESTS);
      for (int round = 0; round <= ROUNDS; round++) {
        String label = round == 0 ? "warm-up" : "round " + round;
        Result a = ONLY.equals("jetty") ? Result.NONE : run(lean);
        Result b = ONLY.equals("lean") ? Result.NONE : run(presigned);
        print(label, a, b);
        if (round > 0) {
          leanRuns.add(a);
          jettyRuns.add(b);
        }
      }
      print("median", median(leanRuns), median(jettyRuns));
    }
  }

  /** A store started by the script (S3Proxy in its own process, as in the server benchmark). */
  private static S3ServerInfo externalStore(String endpoint) {
    return new S3ServerInfo(java.net.URI.create(endpoint), "us-east-1", System.getenv("LIGHTBOX_S3_ACCESS_KEY_ID"),
        System.getenv("LIGHTBOX_S3_SECRET_ACCESS_KEY"), System.getenv().getOrDefault("LIGHTBOX_S3_BUCKET", "bench"));
  }

  private static S3Config config(S3ServerInfo info) {
    S3Config.Builder b = S3Config.builder()
        .endpoint(info.endpoint())
        .region(info.region())
        .bucket(info.bucket())
        .credentials(info.accessKey(), info.secretKey())
        .pathStyle(true)
        .leanReads(true);
    Integer conns = Integer.getInteger("bench.conns");
    if (conns != null) {
      b.maxConnections(conns);
    }
    return b.build();
  }

  private static List<BlobKey> upload(BlobStore store) {
    Random random = new Random(42);
    byte[] data = new byte[SIZE];
    List<BlobKey> keys = new ArrayList<>(OBJECTS);
    for (int i = 0; i < OBJECTS; i++) {
      random.nextBytes(data);
      BlobKey key = BlobKey.of(String.format(Locale.ROOT, "thumbs/%02d/img-%05d.webp", i % 100, i));
      store.put(key, new java.io.ByteArrayInputStream(data), SIZE, PutOptions.DEFAULTS);
      keys.add(key);
    }
    return keys;
  }

  /** One round of one side: requests per second, and this process's CPU time per request. */
  record Result(double perSecond, double cpuMicrosPerRequest, double storeCpuMicrosPerRequest) {
    static final Result NONE = new Result(Double.NaN, Double.NaN, Double.NaN);
  }

  /** CPU time so far of the store's process (bench.storePid), or 0 when unknown. */
  private static long storeCpuNanos() {
    Long pid = Long.getLong("bench.storePid");
    return pid == null ? 0 : ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
        .map(java.time.Duration::toNanos).orElse(0L);
  }

  private static void print(String label, Result a, Result b) {
    System.out.printf(Locale.ROOT, "%-8s  lean %6.0f req/s %4.0f us cpu (store %4.0f)   jetty presigned %6.0f req/s"
        + " %4.0f us cpu (store %4.0f)   lean/jetty %.2f req/s, %.2f cpu%n", label, a.perSecond(),
        a.cpuMicrosPerRequest(), a.storeCpuMicrosPerRequest(), b.perSecond(), b.cpuMicrosPerRequest(),
        b.storeCpuMicrosPerRequest(), a.perSecond() / b.perSecond(), a.cpuMicrosPerRequest() / b.cpuMicrosPerRequest());
  }

  /** {@code REQUESTS} reads of objects spread over the set by {@code THREADS} virtual threads. */
  private static Result run(Reader reader) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long storeCpuStart = storeCpuNanos();
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> workers = new ArrayList<>(THREADS);
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          byte[] buffer = new byte[16 * 1024];
          long bytes = 0;
          for (int n; (n = next.getAndIncrement()) < REQUESTS; ) {
            bytes += reader.read((int) ((n * 2_654_435_761L) % OBJECTS), buffer);
          }
          return bytes;
        }));
      }
      long bytes = 0;
      for (Future<Long> w : workers) {
        bytes += w.get();
      }
      if (bytes != (long) REQUESTS * SIZE) {
        throw new IllegalStateException("read " + bytes + " bytes, expected " + (long) REQUESTS * SIZE);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(REQUESTS / seconds, (os.getProcessCpuTime() - cpuStart) / 1e3 / REQUESTS,
        (storeCpuNanos() - storeCpuStart) / 1e3 / REQUESTS);
  }

  static long drain(InputStream in, byte[] buffer) throws java.io.IOException {
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  /** The median of each figure on its own. */
  private static Result median(List<Result> runs) {
    List<Double> rates = runs.stream().map(Result::perSecond).sorted().toList();
    List<Double> cpu = runs.stream().map(Result::cpuMicrosPerRequest).sorted().toList();
    List<Double> storeCpu = runs.stream().map(Result::storeCpuMicrosPerRequest).sorted().toList();
    return new Result(rates.get(rates.size() / 2), cpu.get(cpu.size() / 2), storeCpu.get(storeCpu.size() / 2));
  }
}
