package dev.lightbox.server.migration;

import java.time.Instant;
import java.util.Map;

/**
 * A batch as the journal records it.
 *
 * @param state {@code running} (a live process runs it), {@code interrupted} (its process is gone: run the
 *     same command again to resume), {@code stopped}, {@code completed} or {@code rolled_back}
 * @param items objects per item state: pending, switched, done, gone, changed, failed
 * @param runner who runs it when running (host and process id), else null
 */
public record BatchStatus(String id, String operation, String source, String target, String kinds,
    boolean deleteSource, String rollbackOf, String state, long plannedObjects, long plannedBytes,
    Map<String, Long> items, long bytesDone, String message, Instant createdAt, Instant finishedAt, String runner) {

  public BatchStatus {
    items = Map.copyOf(items);
  }

  public long count(String itemState) {
    return items.getOrDefault(itemState, 0L);
  }
}
