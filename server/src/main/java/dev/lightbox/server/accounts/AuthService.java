package dev.lightbox.server.accounts;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.catalog.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Logins, sessions and API keys. Only SHA-256 hashes of session tokens and API keys are stored; lookups
 * are cached for a few seconds and dropped at logout, key deletion and user deletion.
 */
public final class AuthService {
  public static final String API_KEY_PREFIX = "lbk_";
  private static final Duration CACHE_TTL = Duration.ofSeconds(5);

  private final Catalog catalog;
  private final Duration sessionTtl;
  private final Clock clock;
  private final BoundedCache<String, SessionUser> usersBySession = BoundedCache.entries(10_000, CACHE_TTL);
  private final BoundedCache<String, User> usersByKey = BoundedCache.entries(10_000, CACHE_TTL);
  private final LoginThrottle throttle;

  public AuthService(Catalog catalog, Duration sessionTtl, Clock clock) {
    this.catalog = catalog;
    this.sessionTtl = sessionTtl;
    this.clock = clock;
    this.throttle = new LoginThrottle(clock);
  }

  public record Session(String token, User user, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** Checks the password, slowed down after repeated failures for this account from {@code address}. */
  public Session login(String email, String password, String address) {
    throttle.check(email, address);
    User user = catalog.users().findByEmail(email == null ? "" : email.trim()).orElse(null);
    if (user == null) {
      PasswordHasher.verifyDummy(password);
      throttle.failed(email, address);
      throw new ServerException(Kind.UNAUTHENTICATED, "wrong email or password");
    }
    if (!PasswordHasher.verify(password, user.passwordHash())) {
      throttle.failed(email, address);
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

  /** The user of a cached, live session or API key, without touching the catalog; null when not cached. */
  public User cachedUser(String apiKey, String sessionToken) {
    if (apiKey != null) {
      return apiKey.startsWith(API_KEY_PREFIX) ? usersByKey.get(Tokens.sha256(apiKey)) : null;
    }
    if (sessionToken == null) {
      return null;
    }
    SessionUser found = usersBySession.get(Tokens.sha256(sessionToken));
    return found != null && found.expiresAt().isAfter(clock.instant()) ? found.user() : null;
  }

  /** The user of an API key, or null. */
  public User userForApiKey(String key) {
    if (key == null || !key.startsWith(API_KEY_PREFIX)) {
      return null;
    }
    return usersByKey.get(Tokens.sha256(key), h -> catalog.apiKeys().findUserIdByHash(h)
        .flatMap(id -> catalog.users().findById(id)).orElse(null));
  }

  public record NewApiKey(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "NewApiKey[" + key + "]";
    }
  }

  public NewApiKey createApiKey(User user, String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ServerException.badRequest("an API key needs a name of 1 to 100 characters");
    }
    String secret = API_KEY_PREFIX + Tokens.random(32);
    ApiKey key = new ApiKey(UUID.randomUUID().toString(), user.id(), name.trim(), clock.instant());
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

  public Duration sessionTtl() {
    return sessionTtl;
  }
}
