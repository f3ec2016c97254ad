package dev.lightbox.server.ingest;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.ingest.StoreIntents.Intent;
import dev.lightbox.server.storage.LibraryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves leftover {@link StoreIntents}: an object the catalog references keeps its bytes and loses its
 * intent; any other is deleted from its store, then its intent. Each intent is claimed first, so that an
 * upload still running (slower than the grace period) fails instead of committing an object the sweep deletes.
 * Every step is idempotent: a sweep killed part way is finished by the next one.
 *
 * <p>Runs at start-up (the intents of this server's earlier runs, whatever their age, and any older than the
 * grace period) and then every {@code interval} on one virtual thread that never delays start-up or requests.
 * The grace period covers servers sharing the catalog: their uploads in progress are never touched before it.
 */
public final class StoreIntentSweeps implements AutoCloseable {
  /** How old another server's intent must be before it is taken for a leftover. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(StoreIntentSweeps.class);
  private static final int PAGE = 200;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  /** What one sweep did: intents whose object the catalog references, objects removed, intents left to retry. */
  public record Result(int kept, int removed, int failed) {
  }

  private final StoreIntents intents;
  private final ObjectRepository objects;
  private final LibraryStorage storage;
  private final Duration grace;
  private final Duration interval;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  public StoreIntentSweeps(StoreIntents intents, ObjectRepository objects, LibraryStorage storage, Duration grace,
      Duration interval) {
    this.intents = intents;
    this.objects = objects;
    this.storage = storage;
    this.grace = grace;
    this.interval = interval;
    this.thread = Thread.ofVirtual().name("lightbox-intent-sweep").unstarted(this::run);
  }

  /** Starts the schedule; the first sweep runs at once. */
  public StoreIntentSweeps start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      do {
        try {
          sweepOnce();
        } catch (RuntimeException e) {
          if (stop.getCount() > 0) {
            LOG.warn("resolving leftover uploads failed; retrying in {}: {}", interval, e.getMessage());
          }
        }
      } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One sweep of every leftover intent; an intent whose store fails stays for the next sweep. */
  public Result sweepOnce() {
    int kept = 0;
    int removed = 0;
    Set<Location> failed = new HashSet<>();
    while (stop.getCount() > 0) {
      List<Intent> page = intents.leftovers(Instant.now().minus(grace), PAGE + failed.size());
      List<Intent> todo = page.stream().filter(i -> !failed.contains(i.location())).toList();
      if (todo.isEmpty()) {
        break;
      }
      for (Intent intent : todo) {
        switch (resolve(intent)) {
          case KEPT -> kept++;
          case REMOVED -> removed++;
          case FAILED -> failed.add(intent.location());
          case GONE -> { }
        }
      }
    }
    Result result = new Result(kept, removed, failed.size());
    if (result.failed() > 0) {
      LOG.warn("leftover uploads: removed {} objects, kept {} the catalog references; {} could not be removed now"
          + " and are retried in {}", removed, kept, failed.size(), interval);
    } else if (removed + kept > 0) {
      LOG.info("leftover uploads: removed {} objects no asset references, kept {} the catalog references", removed,
          kept);
    }
    return result;
  }

  private enum Outcome { KEPT, REMOVED, FAILED, GONE }

  private Outcome resolve(Intent intent) {
    Location location = intent.location();
    if (!intents.claim(location)) {
      return Outcome.GONE; // committed or resolved meanwhile
    }
    if (objects.references(intent.assetId(), location)) {
      intents.forget(location);
      return Outcome.KEPT;
    }
    try {
      storage.delete(location);
    } catch (RuntimeException e) {
      LOG.warn("could not remove {} that an interrupted upload left; retrying in {}: {}", location, interval,
          e.getMessage());
      return Outcome.FAILED;
    }
    intents.forget(location);
    LOG.debug("removed {} ({} of asset {}, stored {} by an upload that never committed)", location,
        intent.purpose(), intent.assetId(), intent.createdAt());
    return Outcome.REMOVED;
  }

  /** Stops the schedule and waits a moment for a sweep in progress, before the stores close. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalThreadStateException notStarted) {
      // never started
    }
  }
}
