package dev.lightbox.server.accounts;

import dev.lightbox.server.catalog.Db;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Login sessions, stored as SHA-256 hashes of their tokens. */
public final class SessionRepository {
  private final Db db;

  public SessionRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private SessionRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public SessionRepository on(Handle handle) {
    return new SessionRepository(Db.joined(handle));
  }

  public void insert(String tokenHash, String userId, Instant created, Instant expires) {
    db.with(h -> h.createUpdate("INSERT INTO sessions (token_hash, user_id, created_at, expires_at)"
            + " VALUES (:hash, :user, :created, :expires)")
        .bind("hash", tokenHash).bind("user", userId).bind("created", created.toEpochMilli())
        .bind("expires", expires.toEpochMilli()).execute());
  }

  /** A session's user and end. */
  public record Live(String userId, Instant expiresAt) {
  }

  /** The user of an unexpired session. */
  public Optional<Live> findLive(String tokenHash, Instant now) {
    return db.with(h -> h.createQuery("SELECT user_id, expires_at FROM sessions WHERE token_hash = :hash"
            + " AND expires_at > :now")
        .bind("hash", tokenHash).bind("now", now.toEpochMilli())
        .map((rs, ctx) -> new Live(rs.getString("user_id"), Instant.ofEpochMilli(rs.getLong("expires_at"))))
        .findOne());
  }

  public void delete(String tokenHash) {
    db.with(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash").bind("hash", tokenHash)
        .execute());
  }

  public int deleteExpired(Instant now) {
    return db.with(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
        .bind("now", now.toEpochMilli()).execute());
  }
}
