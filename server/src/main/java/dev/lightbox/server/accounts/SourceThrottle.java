package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the password checks one source (an IPv4 address, an IPv6 /64 network) can cause, whatever accounts
 * it names (existing or not, so that the answers do not tell them apart): at most {@link #CONCURRENT} checks
 * at once, and failed logins at a sustained rate of one per {@link #REFILL} after a burst of {@link #BURST}.
 * Beyond either the source is refused with 429 and Retry-After before any hashing. In memory, per server instance. Behind a reverse
 * proxy every client has the proxy's address (the server does not trust X-Forwarded-For), so these limits
 * are then shared by all clients.
 */
final class SourceThrottle {
  static final int CONCURRENT = 2;
  static final int BURST = 30;
  static final Duration REFILL = Duration.ofSeconds(2);
  private static final Duration ALLOWANCE = REFILL.multipliedBy(BURST);
  private static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  /** Per source, the instant at which its failure allowance is whole again (a GCRA's arrival time). */
  private final ConcurrentHashMap<String, Instant> refilledAt = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  SourceThrottle(Clock clock) {
    this.clock = clock;
  }

  /**
   * The source an address counts as: itself for IPv4, its /64 network for IPv6 (one subscriber usually has a
   * whole /64, so single IPv6 addresses would be free to vary).
   */
  static String source(String address) {
    String a = address == null ? "" : address.trim();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.indexOf(':') < 0) {
      return a;
    }
    try {
      byte[] bytes = InetAddress.getByName(a).getAddress(); // a literal: no name lookup
      return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : a;
    } catch (UnknownHostException e) {
      return a;
    }
  }

  /** Refuses with 429 when {@code address} spent its failures; else counts one check in flight. */
  void enter(String address) {
    String source = source(address);
    Instant now = clock.instant();
    Instant refilled = refilledAt.get(source);
    if (refilled != null && !Duration.between(now, refilled).minus(ALLOWANCE).isNegative()) {
      long seconds = seconds(Duration.between(now, refilled).minus(ALLOWANCE).plus(REFILL));
      throw ServerException.tooManyRequests("too many failed logins from your address; try again in " + seconds
          + " s", seconds);
    }
    Integer n = inFlight.merge(source, 1, Integer::sum);
    if (n > CONCURRENT) {
      leave(address);
      throw ServerException.tooManyRequests(CONCURRENT + " logins from your address are being checked already;"
          + " try again in 1 s", 1);
    }
  }

  /** Ends a check counted by {@link #enter}. */
  void leave(String address) {
    inFlight.computeIfPresent(source(address), (k, n) -> n <= 1 ? null : n - 1);
  }

  void failed(String address) {
    Instant now = clock.instant();
    if (refilledAt.size() >= MAX_ENTRIES) {
      refilledAt.values().removeIf(at -> !at.isAfter(now));
    }
    refilledAt.merge(source(address), now.plus(REFILL), (at, unused) -> (at.isAfter(now) ? at : now).plus(REFILL));
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
