package dev.lightbox.server.internal.http;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.storage.PresignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
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

  private record Minted(PresignedUrl url, Instant reuseUntil) {
  }

  private final ConcurrentHashMap<Key, Minted> urls = new ConcurrentHashMap<>();
  private final Duration reuse;
  private final Clock clock;

  RedirectUrls(Duration expiry, Clock clock) {
    Duration tenth = expiry.dividedBy(10);
    this.reuse = tenth.compareTo(MAX_REUSE) > 0 ? MAX_REUSE : tenth;
    this.clock = clock;
  }

  /** A URL minted less than the reuse window ago for the same object, type and disposition, or a new one. */
  PresignedUrl get(Location location, String mediaType, String disposition, Supplier<PresignedUrl> mint) {
    if (reuse.toMillis() < 1000) {
      return mint.get();
    }
    Instant now = clock.instant();
    Key key = new Key(location, mediaType, disposition);
    Minted minted = urls.get(key);
    if (minted != null && now.isBefore(minted.reuseUntil())) {
      return minted.url();
    }
    PresignedUrl url = mint.get();
    if (urls.size() >= MAX_ENTRIES) {
      urls.clear();
    }
    urls.put(key, new Minted(url, now.plus(reuse)));
    return url;
  }

  /** The URL {@link #get} would reuse now, or null (then call get, which signs one). */
  PresignedUrl peek(Location location, String mediaType, String disposition) {
    Minted minted = urls.get(new Key(location, mediaType, disposition));
    return minted != null && clock.instant().isBefore(minted.reuseUntil()) ? minted.url() : null;
  }

  int size() {
    return urls.size();
  }
}
