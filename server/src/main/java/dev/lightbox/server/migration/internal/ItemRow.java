package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.assets.StoredObject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** One object of a batch ({@code migration_items}): where it comes from and where it goes. */
public record ItemRow(String batchId, long seq, String assetId, ObjectKind kind, Location source, Location target,
    long sizeBytes, String state, Long switchedAt) {

  public static final String PENDING = "pending";
  public static final String SWITCHED = "switched";
  public static final String DONE = "done";
  public static final String GONE = "gone";
  public static final String CHANGED = "changed";
  public static final String FAILED = "failed";

  /** {@code assetId/kind}: the object's identity across batches. */
  public String ref() {
    return StoredObject.ref(assetId, kind);
  }

  /** The assets the items belong to, each once. */
  public static Set<String> assetIds(Collection<ItemRow> items) {
    Set<String> ids = new LinkedHashSet<>();
    items.forEach(i -> ids.add(i.assetId()));
    return ids;
  }
}
