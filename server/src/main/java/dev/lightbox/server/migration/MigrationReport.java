package dev.lightbox.server.migration;

import dev.lightbox.server.config.StorageBackend;
import java.time.Duration;
import java.util.List;

/**
 * What one run of a batch did.
 *
 * @param state the batch's state afterwards: {@code completed}, or {@code stopped} (resumable)
 * @param moved objects copied, verified and switched
 * @param skipped objects already at the target with the right hash (or already switched), switched without
 *     copying
 * @param leftAlone objects deleted or changed by someone else during the run: not moved, copies cleaned up
 * @param failed objects that could not be moved (see {@code failures}); they stay where they are
 * @param sourcesDeleted source objects deleted after their switch
 * @param elapsed the time spent copying (not the wait before the last sources are deleted)
 * @param stopReason why the run stopped before the end (store unreachable, interrupted), or null
 * @param failures the first failures with their reasons
 */
public record MigrationReport(String batchId, String operation, StorageBackend source, StorageBackend target,
    String state, long moved, long skipped, long leftAlone, long failed, long bytesCopied, long sourcesDeleted,
    Duration elapsed, String stopReason, List<Failure> failures) {

  public MigrationReport {
    failures = List.copyOf(failures);
  }

  /** This report with {@code n} more source objects deleted (kept ones of earlier batches). */
  public MigrationReport withSourcesDeleted(long n) {
    return new MigrationReport(batchId, operation, source, target, state, moved, skipped, leftAlone, failed,
        bytesCopied, sourcesDeleted + n, elapsed, stopReason, failures);
  }

  public boolean completed() {
    return "completed".equals(state);
  }

  /** One object that was not moved, and why. */
  public record Failure(String assetId, String kind, String reason) {
  }
}
