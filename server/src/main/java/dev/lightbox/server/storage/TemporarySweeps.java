package dev.lightbox.server.storage;

import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps the library's stores of what writes killed part way left behind (temp files, temporary objects,
 * incomplete multipart uploads), with {@link SweepResult#DEFAULT_AGE}: once at start-up, then every
 * {@code interval}, on one virtual thread that never delays start-up or requests. Read-only stores are
 * skipped; a failure is logged and retried at the next sweep.
 */
public final class TemporarySweeps implements AutoCloseable {
  public static final Duration DAILY = Duration.ofDays(1);
  private static final Logger LOG = LoggerFactory.getLogger(TemporarySweeps.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final LibraryStorage storage;
  private final Duration interval;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  private TemporarySweeps(LibraryStorage storage, Duration interval) {
    this.storage = storage;
    this.interval = interval;
    this.thread = Thread.ofVirtual().name("lightbox-temp-sweep").unstarted(this::run);
  }

  public static TemporarySweeps start(LibraryStorage storage, Duration interval) {
    TemporarySweeps sweeps = new TemporarySweeps(storage, interval);
    sweeps.thread.start();
    return sweeps;
  }

  private void run() {
    try {
      do {
        sweepOnce();
      } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One sweep of every store, with what each removed; stores that refused (read-only) are left out. */
  public Map<StorageBackend, SweepResult> sweepOnce() {
    Map<StorageBackend, SweepResult> results = new EnumMap<>(StorageBackend.class);
    for (Map.Entry<StorageBackend, BlobStore> e : storage.stores().entrySet()) {
      if (stop.getCount() == 0) {
        break;
      }
      BlobStore store = e.getValue();
      try {
        SweepResult result = store.sweepTemporary(SweepResult.DEFAULT_AGE);
        results.put(e.getKey(), result);
        log(store, result);
      } catch (StorageException ex) {
        if (ex.kind() == StorageException.Kind.READ_ONLY) {
          LOG.debug("not sweeping {}: it is read-only", store.describe());
        } else if (stop.getCount() > 0) {
          LOG.warn("sweeping temporary data of {} failed; retrying at the next sweep: {}", store.describe(),
              ex.getMessage());
        }
      }
    }
    return results;
  }

  private static void log(BlobStore store, SweepResult result) {
    if (!result.complete()) {
      LOG.warn("swept temporary data of {}: {}", store.describe(), result.summary());
    } else if (result.removed() + result.abortedUploads() > 0) {
      LOG.info("swept temporary data of {}: {}", store.describe(), result.summary());
    } else {
      LOG.debug("no temporary data to sweep in {}", store.describe());
    }
  }

  /** Stops the schedule and waits a moment for a sweep in progress, before the stores close. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
