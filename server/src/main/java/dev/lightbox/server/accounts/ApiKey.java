package dev.lightbox.server.accounts;

import java.time.Instant;

/** An API key's record; only a SHA-256 of the secret is kept. */
public record ApiKey(String id, String userId, String name, Instant createdAt) {
}
