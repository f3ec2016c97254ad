package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import java.util.Set;

/** One row of {@code migration_batches}. */
public record BatchRow(String id, String operation, StorageBackend source, StorageBackend target,
    Set<ObjectKind> kinds, boolean deleteSource, String rollbackOf, String state, long plannedObjects,
    long plannedBytes, String message, long createdAt, Long finishedAt) {

  public static final String MIGRATE = "migrate";
  public static final String ROLLBACK = "rollback";
  public static final String RUNNING = "running";
  public static final String STOPPED = "stopped";
  public static final String COMPLETED = "completed";
  public static final String ROLLED_BACK = "rolled_back";

  public boolean unfinished() {
    return RUNNING.equals(state) || STOPPED.equals(state);
  }
}
