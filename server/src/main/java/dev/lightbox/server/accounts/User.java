package dev.lightbox.server.accounts;

import java.time.Instant;

/** A user; the password hash never leaves the server and is not in {@link #toString()}. */
public record User(String id, String email, String name, String passwordHash, boolean admin, Instant createdAt) {
  @Override
  public String toString() {
    return "User[id=" + id + ", email=" + email + ", admin=" + admin + "]";
  }
}
