package dev.lightbox.server.assets;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes for good, with their bytes, the assets that have been in the trash longer than {@code keep}
 * (LIGHTBOX_TRASH_DAYS): once shortly after start-up, then every {@code interval}, on one virtual thread.
 * A failure is logged and retried at the next run; each asset is deleted catalog row first, like every delete.
 * A Jetty life cycle: it starts and stops with the HTTP listener.
 */
public final class TrashPurge extends AbstractLifeCycle {
  public static final Duration HOURLY = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(TrashPurge.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private final AssetMarking marking;
  private final Duration keep;
  private final Duration interval;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  private TrashPurge(AssetMarking marking, Duration keep, Duration interval) {
    this.marking = marking;
    this.keep = keep;
    this.interval = interval;
    this.thread = Thread.ofVirtual().name("lightbox-trash-purge").unstarted(this::run);
  }

  /** A purge that starts with {@link #start()} (by the HTTP server it is given to). */
  public static TrashPurge of(AssetService assets, Duration keep, Duration interval) {
    return new TrashPurge(assets.marking(), keep, interval);
  }

  @Override
  protected void doStart() {
    thread.start();
  }

  @Override
  protected void doStop() {
    stop.countDown();
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      do {
        try {
          purgeOnce();
        } catch (RuntimeException e) {
          LOG.warn("purging the trash failed; retrying in {}: {}", interval, e.getMessage());
        }
      } while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes what has been in the trash longer than the configured days; returns how many assets. */
  public int purgeOnce() {
    int n = marking.purgeOlderThan(keep);
    if (n > 0) {
      LOG.info("purged {} assets that were in the trash for more than {} days", n, keep.toDays());
    }
    return n;
  }
}
