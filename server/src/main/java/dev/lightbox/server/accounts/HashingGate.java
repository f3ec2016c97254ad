package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Bounds the Argon2 work of the whole process: at most one password hash per CPU core at a time (each also
 * takes 19 MiB), the others waiting in arrival order. The wait is bounded twice: a request that finds too many
 * already waiting, or that waits longer than {@link #MAX_WAIT}, is refused at once as unavailable (503 with
 * Retry-After), so that a flood of logins costs queued requests, never more CPU or memory. One gate per
 * process, since the cores are the process's.
 */
final class HashingGate {
  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  static final HashingGate SHARED = new HashingGate(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final int permits;
  private final int maxWaiting;
  private final Semaphore semaphore;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  HashingGate(int permits) {
    this.permits = permits;
    this.maxWaiting = 32 * permits;
    this.semaphore = new Semaphore(permits, true);
  }

  /** Runs {@code hashing} when a core is free for it, or refuses when the wait would be too long. */
  <T> T run(Supplier<T> hashing) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      throw busy();
    }
    boolean acquired;
    try {
      acquired = semaphore.tryAcquire(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      waiting.decrementAndGet();
    }
    if (!acquired) {
      throw busy();
    }
    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      return hashing.get();
    } finally {
      inFlight.decrementAndGet();
      semaphore.release();
    }
  }

  private ServerException busy() {
    refused.incrementAndGet();
    return new ServerException(Kind.UNAVAILABLE, "the server is busy checking other passwords; try again in a"
        + " few seconds");
  }

  /** Hashes that may run at once. */
  int permits() {
    return permits;
  }

  /** Requests waiting for a core now. */
  int waiting() {
    return waiting.get();
  }

  /** The most requests that may wait at once. */
  int maxWaiting() {
    return maxWaiting;
  }

  /** Hashes running now. */
  int inFlight() {
    return inFlight.get();
  }

  /** The most hashes that ever ran at once. */
  int peak() {
    return peak.get();
  }

  /** Requests refused because too many were waiting or the wait was too long. */
  long refused() {
    return refused.get();
  }
}
