package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #FREE_FAILURES} failed logins for one account from one address,
 * each further attempt must wait, the wait doubling per failure up to {@link #MAX_WAIT}. Keyed by account
 * and address together, so nobody can lock a user out from elsewhere. A success clears the record, and
 * records expire after a quiet {@link #FORGET_AFTER}. In memory, per server instance.
 */
public final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration MAX_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofHours(1);
  private static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last, Instant blockedUntil) {
  }

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Refuses with 429 while this account and address must wait. */
  public void check(String email, String address) {
    Failures f = failures.get(key(email, address));
    Instant now = clock.instant();
    if (f != null && f.blockedUntil().isAfter(now)) {
      long seconds = Math.max(1, (Duration.between(now, f.blockedUntil()).toMillis() + 999) / 1000); // rounded up
      throw ServerException.tooManyRequests(f.count() + " failed logins for this account from your address; try"
          + " again in " + seconds + " s, or reset the password with the admin", seconds);
    }
  }

  public void failed(String email, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_ENTRIES) {
      failures.values().removeIf(f -> f.last().plus(FORGET_AFTER).isBefore(now) && !f.blockedUntil().isAfter(now));
    }
    failures.compute(key(email, address), (k, f) -> {
      int count = f == null || f.last().plus(FORGET_AFTER).isBefore(now) ? 1 : f.count() + 1;
      Instant blockedUntil = count <= FREE_FAILURES ? now : now.plus(wait(count - FREE_FAILURES));
      return new Failures(count, now, blockedUntil);
    });
  }

  public void succeeded(String email, String address) {
    failures.remove(key(email, address));
  }

  static Duration wait(int excess) {
    long seconds = 1L << Math.min(20, excess - 1);
    return seconds >= MAX_WAIT.toSeconds() ? MAX_WAIT : Duration.ofSeconds(seconds);
  }

  private static String key(String email, String address) {
    return (email == null ? "" : email.trim().toLowerCase(Locale.ROOT)) + '\n' + address;
  }
}
