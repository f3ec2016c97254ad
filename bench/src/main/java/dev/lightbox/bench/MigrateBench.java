package dev.lightbox.bench;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationListener;
import dev.lightbox.server.migration.MigrationReport;
import dev.lightbox.server.migration.MigrationRequest;
import dev.lightbox.server.migration.Migrator;
import dev.lightbox.server.migration.PreparedRun;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.disk.DiskBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Drivers for bench/migrate-bench.sh. {@code library DATA_DIR FILES_DIR} makes a library (SQLite catalog and
 * disk store) whose originals are the files; {@code warm SET DATA_DIR CONCURRENCY} migrates it to S3, rolls
 * back and migrates again in one JVM (rolling back first if it is migrated already), and prints the last
 * migration as a TSV row. S3 settings come from
 * the LIGHTBOX_S3_* environment, as for the command.
 */
public final class MigrateBench {
  private MigrateBench() {
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "library" -> library(Path.of(args[1]), Path.of(args[2]));
      case "warm" -> warm(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("usage: MigrateBench library DATA FILES | warm SET DATA N");
    }
  }

  private static ServerConfig config(Path dataDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("LIGHTBOX_DATA_DIR", dataDir.toString());
    return ConfigLoader.load(env, null);
  }

  static void library(Path dataDir, Path files) throws Exception {
    ServerConfig config = config(dataDir);
    Files.createDirectories(config.diskRoot());
    List<Path> list;
    try (Stream<Path> s = Files.list(files)) {
      list = s.filter(Files::isRegularFile).sorted().toList();
    }
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null);
        BlobStore disk = DiskBlobStore.open(config.diskRoot())) {
      User owner = new User(UUID.randomUUID().toString(), "bench@example.com", "Bench", "x", true, Instant.now());
      catalog.users().insert(owner);
      for (Path file : list) {
        String id = UUID.randomUUID().toString();
        Location location = new Location(StorageBackend.DISK, BlobKey.of("library/bench/" + file.getFileName()));
        BlobInfo info = disk.put(location.key(), file, PutOptions.builder().contentType("image/webp").build());
        Instant now = Instant.now();
        catalog.assets().insert(new Asset(id, owner.id(), info.sha256(), info.size(), "image/webp",
            file.getFileName().toString(), location, null, null, null, now, null, null, null, now, now, 1, Map.of()));
      }
    }
  }

  static void warm(String set, Path dataDir, int concurrency) {
    MigrationRequest request = MigrationRequest.to(StorageBackend.S3).concurrency(concurrency)
        .sourceGrace(Duration.ZERO).build();
    int rounds = Integer.getInteger("bench.rounds", 3);
    try (Migrator migrator = Migrator.open(config(dataDir))) {
      if (migrator.estimate(request).isEmpty()) { // the command migrated this library already: move it back first
        run(migrator.prepareRollback(migrator.status(1).getFirst().id(), concurrency, Duration.ZERO));
      }
      MigrationReport last = null;
      long cpu = 0;
      for (int round = 1; round <= rounds; round++) {
        if (last != null) {
          run(migrator.prepareRollback(last.batchId(), concurrency, Duration.ZERO));
        }
        long cpu0 = processCpuNanos();
        last = run(migrator.prepare(request));
        cpu = processCpuNanos() - cpu0;
        System.err.printf(Locale.ROOT, "round %d: %.2f s wall, %.2f ms CPU per object%n", round,
            last.elapsed().toNanos() / 1e9, cpu / 1e6 / Math.max(1, last.moved()));
      }
      System.err.printf(Locale.ROOT, "warm migration of %s: %.2f s wall, %.2f s CPU in this process%n", set,
          last.elapsed().toNanos() / 1e9, cpu / 1e9);
      System.out.printf(Locale.ROOT, "lightbox migrate (warm jvm)\t%s\t%.4f\t%d\t%d\t%.2f\t%n", set,
          last.elapsed().toNanos() / 1e9, last.bytesCopied(), last.moved(), cpu / 1e9);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static MigrationReport run(PreparedRun run) {
    MigrationReport report = run.run(MigrationListener.NONE);
    if (!report.completed() || report.failed() > 0) {
      throw new IllegalStateException("the benchmark migration did not complete: " + report);
    }
    return report;
  }
}
