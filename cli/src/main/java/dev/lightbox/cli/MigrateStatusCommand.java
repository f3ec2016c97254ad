package dev.lightbox.cli;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.BatchStatus;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import dev.lightbox.server.migration.MigrationReport;
import dev.lightbox.server.migration.Migrator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lightbox migrate status}: where the objects are, and the journal's batches. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show where the catalog's objects are and the recent migration batches, newest first.")
final class MigrateStatusCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Batches to show (default 10).")
  int limit;

  @Override
  public Integer call() {
    try (Migrator migrator = Migrator.open(config.loadExisting())) {
      System.out.println("Objects in the catalog:");
      System.out.printf(Locale.ROOT, "  %-8s %-10s %12s %12s%n", "backend", "kind", "objects", "size");
      for (Map.Entry<StorageBackend, Map<ObjectKind, Totals>> b : migrator.distribution().entrySet()) {
        b.getValue().forEach((kind, t) -> System.out.printf(Locale.ROOT, "  %-8s %-10s %12s %12s%n", b.getKey().id(),
            kind.id(), Sizes.count(t.objects()), Sizes.bytes(t.bytes())));
      }
      List<BatchStatus> batches = migrator.status(Math.max(1, limit));
      if (batches.isEmpty()) {
        System.out.println("No migration batches yet.");
        return 0;
      }
      System.out.println();
      System.out.printf(Locale.ROOT, "%-22s %-9s %-13s %-12s %9s %9s %7s %7s  %s%n", "BATCH", "OPERATION",
          "DIRECTION", "STATE", "PLANNED", "DONE", "FAILED", "PENDING", "STARTED");
      for (BatchStatus b : batches) {
        long done = b.count("done") + b.count("switched") + b.count("gone") + b.count("changed");
        System.out.printf(Locale.ROOT, "%-22s %-9s %-13s %-12s %9s %9s %7s %7s  %s%n", b.id(), b.operation(),
            b.source() + " -> " + b.target(), b.state(), Sizes.count(b.plannedObjects()), Sizes.count(done),
            Sizes.count(b.count("failed")), Sizes.count(b.count("pending")), b.createdAt().toString());
        String detail = "    kinds " + b.kinds() + (b.deleteSource() ? ", sources deleted" : ", sources kept")
            + (b.rollbackOf() == null ? "" : ", rolls back " + b.rollbackOf())
            + ", " + Sizes.bytes(b.bytesDone()) + " of " + Sizes.bytes(b.plannedBytes())
            + (b.runner() == null ? "" : ", run by " + b.runner());
        System.out.println(detail);
        if (b.message() != null) {
          System.out.println("    " + b.message());
        }
        if ("interrupted".equals(b.state()) || "stopped".equals(b.state())) {
          System.out.println("    resume with: " + (b.rollbackOf() != null ? "lightbox migrate rollback " + b.rollbackOf()
              : "lightbox migrate --to " + b.target() + " --kinds " + b.kinds()));
        }
        if (b.count("failed") > 0) {
          for (MigrationReport.Failure f : migrator.failures(b.id(), 5)) {
            System.out.println("    failed: " + f.assetId() + " " + f.kind() + ": " + f.reason());
          }
        }
      }
      return 0;
    }
  }
}
