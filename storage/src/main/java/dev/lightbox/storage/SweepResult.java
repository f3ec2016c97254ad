package dev.lightbox.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link BlobStore#sweepTemporary(Duration)} removed: temporary files or objects that interrupted
 * writes left behind ({@code removed}), incomplete multipart uploads it aborted, the bytes both held
 * ({@code removedBytes}), and
 * how many temporary items it kept because they were younger than the age asked for. {@code failures}
 * says what it could not remove (it goes on past them); running it again retries those.
 */
public record SweepResult(long removed, long removedBytes, long abortedUploads, long keptRecent,
    List<String> failures) {

  /** The age the server and the CLI sweep with: far beyond any write still in progress. */
  public static final Duration DEFAULT_AGE = Duration.ofHours(24);
  /** The smallest age a sweep accepts, so that a slow write in progress is never taken for a leftover. */
  public static final Duration MIN_AGE = Duration.ofHours(1);
  /** The result of a store that keeps no temporary data. */
  public static final SweepResult NOTHING = new SweepResult(0, 0, 0, 0, List.of());

  private static final int MAX_FAILURES = 20;

  public SweepResult {
    if (removed < 0 || removedBytes < 0 || abortedUploads < 0 || keptRecent < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    failures = List.copyOf(failures.size() > MAX_FAILURES ? failures.subList(0, MAX_FAILURES) : failures);
  }

  /** True when everything old enough was removed. */
  public boolean complete() {
    return failures.isEmpty();
  }

  /** Both results together, as for a store that sweeps several areas. */
  public SweepResult plus(SweepResult other) {
    List<String> all = new ArrayList<>(failures);
    all.addAll(other.failures);
    return new SweepResult(removed + other.removed, removedBytes + other.removedBytes,
        abortedUploads + other.abortedUploads, keptRecent + other.keptRecent, all);
  }

  /** Refuses an age below {@link #MIN_AGE}, with an error that names the store. */
  public static void checkAge(Duration olderThan, String store) {
    if (olderThan == null || olderThan.compareTo(MIN_AGE) < 0) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "sweepTemporary", store, null,
          "the age must be at least " + MIN_AGE.toHours() + " hour, so that no write in progress is swept away; was "
              + olderThan);
    }
  }

  /** One line for logs and the CLI, such as {@code removed 3 temporary items (12.0 MB), aborted 1 upload}. */
  public String summary() {
    String text = "removed " + removed + " temporary item" + (removed == 1 ? "" : "s") + " (" + removedBytes
        + " bytes), aborted " + abortedUploads + " incomplete upload" + (abortedUploads == 1 ? "" : "s")
        + ", kept " + keptRecent + " recent";
    return failures.isEmpty() ? text : text + "; " + failures.size() + " could not be removed: " + failures.get(0);
  }
}
