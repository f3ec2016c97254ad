package dev.lightbox.server.serving;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.storage.PresignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Presigned GET URLs handed out by redirect mode, reused for a short while: signing one costs far more than
 * the rest of a redirect, and a URL that stays the same lets a browser cache the object. A URL is reused for
 * at most a tenth of its lifetime (and at most five minutes), so every URL handed out still has at least
 * nine tenths of the configured lifetime ahead of it. Reuse happens only after the caller's ownership check.
 * URLs never leave this class except as the answer's Location.
 */
final class RedirectUrls {
  static final int MAX_ENTRIES = 20_000;
  private static final Duration MAX_REUSE = Duration.ofMinutes(5);

  private record Key(Location location, String mediaType, String disposition) {
  }

  private final BoundedCache<Key, PresignedUrl> urls;
  private final boolean reused;

  RedirectUrls(Duration expiry, Clock clock) {
    Duration tenth = expiry.dividedBy(10);
    Duration reuse = tenth.compareTo(MAX_REUSE) > 0 ? MAX_REUSE : tenth;
    this.reused = reuse.toMillis() >= 1000;
    this.urls = new BoundedCache<>(MAX_ENTRIES, url -> 1, reuse, () -> clock.millis() * 1_000_000L);
  }

  /** A URL minted less than the reuse window ago for the same object, type and disposition, or a new one. */
  PresignedUrl get(Location location, String mediaType, String disposition, Supplier<PresignedUrl> mint) {
    if (!reused) {
      return mint.get();
    }
    return urls.get(new Key(location, mediaType, disposition), key -> mint.get());
  }

  /** The URL {@link #get} would reuse now, or null (then call get, which signs one). */
  PresignedUrl peek(Location location, String mediaType, String disposition) {
    return reused ? urls.get(new Key(location, mediaType, disposition)) : null;
  }

  int size() {
    return urls.size();
  }
}
