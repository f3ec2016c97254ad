package dev.lightbox.server.catalog;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * How a repository reaches the database: through the pool (each call takes its own handle, and its own
 * transaction when it writes several rows), or through a caller's handle, whose transaction the calls join.
 */
public final class Db {
  private static final AtomicLong SAVEPOINTS = new AtomicLong();
  private final Jdbi jdbi;
  private final Handle handle;

  private Db(Jdbi jdbi, Handle handle) {
    this.jdbi = jdbi;
    this.handle = handle;
  }

  public static Db pool(Jdbi jdbi) {
    return new Db(Objects.requireNonNull(jdbi), null);
  }

  public static Db joined(Handle handle) {
    return new Db(null, Objects.requireNonNull(handle, "handle"));
  }

  public <R> R with(HandleCallback<R, RuntimeException> work) {
    return handle != null ? work.withHandle(handle) : jdbi.withHandle(work);
  }

  /**
   * Runs work that writes several rows so that either all of it stays or none: in a transaction of its own,
   * or, on a handle already in a transaction, under a savepoint of the caller's transaction. When the work
   * returns false (a condition it checked failed) or throws, what it wrote is undone and nothing else.
   */
  public boolean allOrNothing(HandleCallback<Boolean, RuntimeException> work) {
    return with(h -> h.isInTransaction() ? underSavepoint(h, work) : h.inTransaction(t -> {
      if (work.withHandle(t)) {
        return true;
      }
      t.rollback();
      return false;
    }));
  }

  private static boolean underSavepoint(Handle h, HandleCallback<Boolean, RuntimeException> work) {
    String savepoint = "catalog_" + SAVEPOINTS.incrementAndGet();
    h.savepoint(savepoint);
    boolean ok;
    try {
      ok = work.withHandle(h);
    } catch (RuntimeException e) {
      try {
        h.rollbackToSavepoint(savepoint);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
      }
      throw e;
    }
    if (ok) {
      h.releaseSavepoint(savepoint);
    } else {
      h.rollbackToSavepoint(savepoint);
    }
    return ok;
  }
}
