package dev.lightbox.server.accounts;

import java.time.Instant;

/**
 * An API key's record; only a SHA-256 of the secret is kept.
 *
 * @param expiresAt when the key stops working, or null for a key that does not expire
 */
public record ApiKey(String id, String userId, String name, Instant createdAt, Instant expiresAt) {
  /** A key that does not expire. */
  public ApiKey(String id, String userId, String name, Instant createdAt) {
    this(id, userId, name, createdAt, null);
  }

  /** Whether the key no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }
}
