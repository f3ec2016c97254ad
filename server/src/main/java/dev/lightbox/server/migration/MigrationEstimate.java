package dev.lightbox.server.migration;

import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many objects and bytes a migration will move, per kind.
 *
 * @param resumingBatch the unfinished batch this run would continue, or null for a new batch
 */
public record MigrationEstimate(StorageBackend source, StorageBackend target, Map<ObjectKind, Totals> byKind,
    String resumingBatch) {

  public MigrationEstimate {
    Map<ObjectKind, Totals> copy = new EnumMap<>(ObjectKind.class);
    copy.putAll(byKind);
    byKind = Collections.unmodifiableMap(copy); // kind order: original, thumbnail, preview
  }

  public long objects() {
    return byKind.values().stream().mapToLong(Totals::objects).sum();
  }

  public long bytes() {
    return byKind.values().stream().mapToLong(Totals::bytes).sum();
  }

  public boolean isEmpty() {
    return objects() == 0;
  }

  /** Objects and bytes of one kind. */
  public record Totals(long objects, long bytes) {
    public static final Totals NONE = new Totals(0, 0);
  }
}
