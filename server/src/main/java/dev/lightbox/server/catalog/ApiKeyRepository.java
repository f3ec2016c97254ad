package dev.lightbox.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** API keys, stored as SHA-256 hashes of their secrets. */
public final class ApiKeyRepository {
  private static final RowMapper<ApiKey> MAPPER = (rs, ctx) -> new ApiKey(rs.getString("id"),
      rs.getString("user_id"), rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")));
  private final Jdbi jdbi;

  ApiKeyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void insert(ApiKey key, String keyHash) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (id, user_id, name, key_hash, created_at)"
            + " VALUES (:id, :user, :name, :hash, :created)")
        .bind("id", key.id()).bind("user", key.userId()).bind("name", key.name()).bind("hash", keyHash)
        .bind("created", key.createdAt().toEpochMilli()).execute());
  }

  /** The user id owning the key with this hash. */
  public Optional<String> findUserIdByHash(String keyHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM api_keys WHERE key_hash = :hash")
        .bind("hash", keyHash).mapTo(String.class).findOne());
  }

  public List<ApiKey> listForUser(String userId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE user_id = :user ORDER BY created_at, id")
        .bind("user", userId).map(MAPPER).list());
  }

  public boolean delete(String id, String userId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE id = :id AND user_id = :user")
        .bind("id", id).bind("user", userId).execute()) == 1;
  }
}
