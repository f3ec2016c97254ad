package dev.lightbox.server.accounts;

import dev.lightbox.server.catalog.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** API keys, stored as SHA-256 hashes of their secrets. */
public final class ApiKeyRepository {
  private static final RowMapper<ApiKey> MAPPER = (rs, ctx) -> new ApiKey(rs.getString("id"),
      rs.getString("user_id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")),
      instantOrNull(rs.getLong("expires_at"), rs.wasNull()));
  private final Db db;

  public ApiKeyRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private ApiKeyRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public ApiKeyRepository on(Handle handle) {
    return new ApiKeyRepository(Db.joined(handle));
  }

  public void insert(ApiKey key, String keyHash) {
    db.with(h -> h.createUpdate("INSERT INTO api_keys (id, user_id, name, key_hash, created_at, expires_at)"
            + " VALUES (:id, :user, :name, :hash, :created, :expires)")
        .bind("id", key.id()).bind("user", key.userId()).bind("name", key.name()).bind("hash", keyHash)
        .bind("created", key.createdAt().toEpochMilli())
        .bind("expires", key.expiresAt() == null ? null : key.expiresAt().toEpochMilli()).execute());
  }

  /** The key with this hash (expired or not: the caller decides, so that it can say why it refuses). */
  public Optional<ApiKey> findByHash(String keyHash) {
    return db.with(h -> h.createQuery("SELECT * FROM api_keys WHERE key_hash = :hash")
        .bind("hash", keyHash).map(MAPPER).findOne());
  }

  private static Instant instantOrNull(long millis, boolean wasNull) {
    return wasNull ? null : Instant.ofEpochMilli(millis);
  }

  public List<ApiKey> listForUser(String userId) {
    return db.with(h -> h.createQuery("SELECT * FROM api_keys WHERE user_id = :user ORDER BY created_at, id")
        .bind("user", userId).map(MAPPER).list());
  }

  public boolean delete(String id, String userId) {
    return db.with(h -> h.createUpdate("DELETE FROM api_keys WHERE id = :id AND user_id = :user")
        .bind("id", id).bind("user", userId).execute()) == 1;
  }
}
