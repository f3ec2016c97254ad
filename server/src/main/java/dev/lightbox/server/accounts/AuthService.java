package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.catalog.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Logins, sessions and API keys. Only SHA-256 hashes of session tokens and API keys are stored; lookups
 * are cached for a few seconds and dropped at logout, key deletion and user deletion.
 */
public final class AuthService {
  public static final String API_KEY_PREFIX = "lbk_";
  /** The longest lifetime a key with an expiry may be given (ten years). */
  public static final Duration MAX_KEY_LIFETIME = Duration.ofDays(3650);
  private static final Duration CACHE_TTL = Duration.ofSeconds(5);

  private final Catalog catalog;
  private final Duration sessionTtl;
  private final Clock clock;
  private final BoundedCache<String, SessionUser> usersBySession = BoundedCache.entries(10_000, CACHE_TTL);
  private final BoundedCache<String, KeyUser> usersByKey = BoundedCache.entries(10_000, CACHE_TTL);
  private final LoginThrottle throttle;
  private final SourceThrottle sources;

  public AuthService(Catalog catalog, Duration sessionTtl, Clock clock) {
    this.catalog = catalog;
    this.sessionTtl = sessionTtl;
    this.clock = clock;
    this.throttle = new LoginThrottle(clock);
    this.sources = new SourceThrottle(clock);
  }

  public record Session(String token, User user, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Checks the password, slowed down after repeated failures for this account from {@code address}, and
   * bounded per address ({@link SourceThrottle}) and overall ({@link HashingGate}). Known and unknown
   * accounts take the same path through both bounds and cost one Argon2 check each, so neither the answer
   * nor its timing says whether an account exists.
   */
  public Session login(String email, String password, String address) {
    Credentials.checkLogin(email, password);
    throttle.check(email, address);
    sources.enter(address);
    User user;
    try {
      user = HashingGate.SHARED.run(() -> {
        User found = catalog.users().findByEmail(email == null ? "" : email.trim()).orElse(null);
        if (found == null) {
          PasswordHasher.verifyDummy(password);
          return null;
        }
        return PasswordHasher.verify(password, found.passwordHash()) ? found : null;
      });
    } finally {
      sources.leave(address);
    }
    if (user == null) {
      throttle.failed(email, address);
      sources.failed(address);
      throw new ServerException(Kind.UNAUTHENTICATED, "wrong email or password");
    }
    throttle.succeeded(email, address);
    String token = Tokens.random(32);
    Instant now = clock.instant();
    catalog.sessions().deleteExpired(now);
    Instant expires = now.plus(sessionTtl);
    catalog.sessions().insert(Tokens.sha256(token), user.id(), now, expires);
    return new Session(token, user, expires);
  }

  /** Password hashes (logins and new passwords) running now in this process. */
  public static long passwordHashesInFlight() {
    return HashingGate.SHARED.inFlight();
  }

  /** Password checks refused because the process was busy hashing others. */
  public static long passwordHashesRefused() {
    return HashingGate.SHARED.refused();
  }

  /** Hashes a new password under the same bound as logins. */
  static String hashPassword(String password) {
    return HashingGate.SHARED.run(() -> PasswordHasher.hash(password));
  }

  public void logout(String token) {
    String hash = Tokens.sha256(token);
    catalog.sessions().delete(hash);
    usersBySession.invalidate(hash);
  }

  /** The user of a live session, or null. */
  public User userForSession(String token) {
    String hash = Tokens.sha256(token);
    SessionUser found = usersBySession.get(hash, h -> catalog.sessions().findLive(h, clock.instant())
        .flatMap(live -> catalog.users().findById(live.userId()).map(u -> new SessionUser(u, live.expiresAt())))
        .orElse(null));
    if (found == null || !found.expiresAt().isAfter(clock.instant())) {
      usersBySession.invalidate(hash);
      return null;
    }
    return found.user();
  }

  private record SessionUser(User user, Instant expiresAt) {
  }

  /** The user of a cached, live session or unexpired API key, without touching the catalog; null when not cached. */
  public User cachedUser(String apiKey, String sessionToken) {
    if (apiKey != null) {
      KeyUser found = apiKey.startsWith(API_KEY_PREFIX) ? usersByKey.get(Tokens.sha256(apiKey)) : null;
      return found != null && found.liveAt(clock.instant()) ? found.user() : null;
    }
    if (sessionToken == null) {
      return null;
    }
    SessionUser found = usersBySession.get(Tokens.sha256(sessionToken));
    return found != null && found.expiresAt().isAfter(clock.instant()) ? found.user() : null;
  }

  /** The user of a valid, unexpired API key, or null. */
  public User userForApiKey(String key) {
    KeyUser found = keyUser(key);
    return found != null && found.liveAt(clock.instant()) ? found.user() : null;
  }

  /** Why {@link #userForApiKey} refused this key, as a message for the caller. */
  public String apiKeyRefusal(String key) {
    KeyUser found = keyUser(key);
    if (found != null && !found.liveAt(clock.instant())) {
      return "the x-api-key expired at " + found.expiresAt() + "; create a new key with POST /api/keys";
    }
    return "the x-api-key is not valid; create a key with POST /api/keys";
  }

  private KeyUser keyUser(String key) {
    if (key == null || !key.startsWith(API_KEY_PREFIX)) {
      return null;
    }
    return usersByKey.get(Tokens.sha256(key), h -> catalog.apiKeys().findByHash(h)
        .flatMap(k -> catalog.users().findById(k.userId()).map(u -> new KeyUser(u, k.expiresAt())))
        .orElse(null));
  }

  private record KeyUser(User user, Instant expiresAt) {
    boolean liveAt(Instant now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }
  }

  public record NewApiKey(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "NewApiKey[" + key + "]";
    }
  }

  /** A key that never expires. */
  public NewApiKey createApiKey(User user, String name) {
    return createApiKey(user, name, null);
  }

  /** A key that stops working at {@code expiresAt} (null: never). */
  public NewApiKey createApiKey(User user, String name, Instant expiry) {
    Instant expiresAt = expiry == null ? null : expiry.truncatedTo(ChronoUnit.MILLIS); // as the catalog keeps it
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ServerException.badRequest("an API key needs a name of 1 to 100 characters");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw ServerException.badRequest("the expiry " + expiresAt + " is not in the future; give a later"
          + " 'expiresAt' or a positive 'expiresInDays'");
    }
    if (expiresAt != null && expiresAt.isAfter(now.plus(MAX_KEY_LIFETIME))) {
      throw ServerException.badRequest("an API key may last at most " + MAX_KEY_LIFETIME.toDays()
          + " days; give an earlier expiry, or none for a key that does not expire");
    }
    String secret = API_KEY_PREFIX + Tokens.random(32);
    ApiKey key = new ApiKey(UUID.randomUUID().toString(), user.id(), name.trim(), now, expiresAt);
    catalog.apiKeys().insert(key, Tokens.sha256(secret));
    return new NewApiKey(key, secret);
  }

  public List<ApiKey> apiKeys(User user) {
    return catalog.apiKeys().listForUser(user.id());
  }

  public boolean deleteApiKey(User user, String id) {
    boolean deleted = catalog.apiKeys().delete(id, user.id());
    usersByKey.clear();
    return deleted;
  }

  /** Forgets cached lookups, after a user was deleted or changed. */
  public void forgetCachedUsers() {
    usersBySession.clear();
    usersByKey.clear();
  }

  /** The current instant of this service's clock. */
  public Instant now() {
    return clock.instant();
  }

  public Duration sessionTtl() {
    return sessionTtl;
  }
}
