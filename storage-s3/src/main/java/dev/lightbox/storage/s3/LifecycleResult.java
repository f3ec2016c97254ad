package dev.lightbox.storage.s3;

import java.util.List;

/**
 * What {@link S3BlobStore#applyLifecycleDefaults(LifecycleDefaults)} did. It never throws for what the
 * store refused: {@code failure} says what went wrong and what to do, and the bucket's own rules are
 * never rewritten ({@code kept} lists them, untouched).
 *
 * @param applied the Lightbox rules added or updated, as text for a report
 * @param skipped rules not added, each with its reason (already covered, not supported by the provider)
 * @param kept the ids of the bucket's other rules, sent back unchanged
 * @param failure null when the bucket holds what was asked for, else why not
 */
public record LifecycleResult(List<String> applied, List<String> skipped, List<String> kept, String failure) {
  public LifecycleResult {
    applied = List.copyOf(applied);
    skipped = List.copyOf(skipped);
    kept = List.copyOf(kept);
  }

  public boolean ok() {
    return failure == null;
  }
}
