package dev.lightbox.server.migration.internal;

import dev.lightbox.server.migration.MigrationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How a run is doing: the first failures with their reasons, and a breaker that stops the run when stores
 * or the catalog fail many times in a row (an outage), instead of failing every remaining object slowly.
 */
final class RunHealth {
  private static final int MAX_KEPT = 100;

  private final int threshold;
  private final Consumer<String> stop;
  private final AtomicInteger consecutive = new AtomicInteger();
  private final List<MigrationReport.Failure> failures = new ArrayList<>();

  RunHealth(int concurrency, Consumer<String> stop) {
    this.threshold = Math.max(8, Math.min(concurrency * 2, 32));
    this.stop = stop;
  }

  void succeeded() {
    consecutive.set(0);
  }

  /** A failure that may pass (network, store, catalog); counts towards the breaker. */
  void outage(String reason) {
    if (consecutive.incrementAndGet() >= threshold) {
      stop.accept("stopped after " + threshold + " failures in a row; last: " + reason);
    }
  }

  void record(ItemRow item, String reason) {
    synchronized (failures) {
      if (failures.size() < MAX_KEPT) {
        failures.add(new MigrationReport.Failure(item.assetId(), item.kind().id(), reason));
      }
    }
  }

  List<MigrationReport.Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }
}
