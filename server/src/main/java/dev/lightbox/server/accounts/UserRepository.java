package dev.lightbox.server.accounts;

import dev.lightbox.server.catalog.Db;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Users table. */
public final class UserRepository {
  private static final RowMapper<User> MAPPER = (rs, ctx) -> new User(rs.getString("id"), rs.getString("email"),
      rs.getString("name"), rs.getString("password_hash"), rs.getBoolean("is_admin"),
      Instant.ofEpochMilli(rs.getLong("created_at")));
  private final Db db;

  public UserRepository(Jdbi jdbi) {
    this(Db.pool(jdbi));
  }

  private UserRepository(Db db) {
    this.db = db;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public UserRepository on(Handle handle) {
    return new UserRepository(Db.joined(handle));
  }

  public void insert(User u) {
    long now = u.createdAt().toEpochMilli();
    db.with(h -> h.createUpdate("INSERT INTO users (id, email, name, password_hash, is_admin, created_at,"
            + " updated_at) VALUES (:id, :email, :name, :hash, :admin, :now, :now)")
        .bind("id", u.id()).bind("email", u.email()).bind("name", u.name()).bind("hash", u.passwordHash())
        .bind("admin", u.admin()).bind("now", now).execute());
  }

  public Optional<User> findById(String id) {
    return db.with(h -> h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", id).map(MAPPER)
        .findOne());
  }

  public Optional<User> findByEmail(String email) {
    return db.with(h -> h.createQuery("SELECT * FROM users WHERE email = :email").bind("email", email)
        .map(MAPPER).findOne());
  }

  public List<User> list() {
    return db.with(h -> h.createQuery("SELECT * FROM users ORDER BY created_at, id").map(MAPPER).list());
  }

  public long count() {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
  }

  public boolean updatePassword(String id, String hash) {
    return db.with(h -> h.createUpdate("UPDATE users SET password_hash = :hash, updated_at = :now"
        + " WHERE id = :id").bind("id", id).bind("hash", hash).bind("now", System.currentTimeMillis()).execute()) == 1;
  }

  /** How many libraries in place the user owns (they must be removed before the user). */
  public long librariesOwned(String id) {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM libraries WHERE owner_id = :id").bind("id", id)
        .mapTo(Long.class).one());
  }

  public boolean delete(String id) {
    return db.with(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute()) == 1;
  }
}
