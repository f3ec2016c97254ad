package dev.lightbox.storage;

import java.util.List;

/**
 * What {@link BlobStore#deletePrefix} matched and did. In a dry run {@code deleted} is 0 and
 * {@code sample} shows the first matching keys. When it stops early ({@code complete} false), the counts
 * say how far it got and {@code failures} why it stopped; running it again continues.
 */
public record DeletePrefixResult(
    String prefix,
    boolean dryRun,
    long matched,
    long matchedBytes,
    long deleted,
    List<BlobKey> sample,
    List<DeleteManyResult.Failure> failures,
    boolean complete) {

  public DeletePrefixResult {
    sample = List.copyOf(sample);
    failures = List.copyOf(failures);
  }
}
