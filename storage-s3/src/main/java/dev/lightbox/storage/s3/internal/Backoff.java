package dev.lightbox.storage.s3.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.lightbox.storage.StorageException;

/** Retries an operation with exponential backoff and jitter while its failure is retryable. */
final class Backoff {
  private Backoff() {
  }

  /**
   * Runs {@code op} up to {@code attempts} times, sleeping about {@code first}, then twice that, and so on
   * between attempts, as long as the failure is a retryable {@link StorageException}.
   */
  static <T> T retry(int attempts, Duration first, Supplier<T> op) {
    long delay = first.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return op.get();
      } catch (StorageException e) {
        if (!e.isRetryable() || attempt >= attempts) {
          throw e;
        }
      }
      sleep(delay + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
      delay = Math.min(delay * 2, 5_000);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StorageException.retryable(StorageException.Kind.UNAVAILABLE, "retry", null, null, "interrupted",
          true, e);
    }
  }
}
