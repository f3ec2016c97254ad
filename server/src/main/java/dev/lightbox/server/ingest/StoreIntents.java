package dev.lightbox.server.ingest;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.catalog.Db;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The journal of objects an upload is about to store ({@code store_intents}). An intent is committed on its
 * own before the put ({@link #record}); the asset's transaction deletes it ({@link #release}); a failed upload
 * deletes it after removing the object ({@link #forget}). What is left over is resolved by
 * {@link StoreIntentSweeps}. Deleting an asset records an intent per object in the transaction that deletes its
 * row (purpose {@code delete}) and forgets each once the object is gone. Each intent names the server instance (one per data dir) and its run (boot), so
 * that a server sweeps the leftovers of its own earlier runs at once and those of other servers only after a
 * grace period.
 */
public final class StoreIntents {
  /** The file in the data dir that holds this server's instance id. */
  public static final String INSTANCE_FILE = "instance-id";

  /** A leftover intent: where, for which asset, since when, and whether a dead run of this server made it. */
  public record Intent(Location location, String assetId, String purpose, Instant createdAt) {
  }

  private final Db db;
  private final String instanceId;
  private final String bootId;

  public StoreIntents(Jdbi jdbi, String instanceId, String bootId) {
    this(Db.pool(jdbi), instanceId, bootId);
  }

  private StoreIntents(Db db, String instanceId, String bootId) {
    this.db = db;
    this.instanceId = instanceId;
    this.bootId = bootId;
  }

  /** This repository on the caller's handle: its statements join the caller's transaction. */
  public StoreIntents on(Handle handle) {
    return new StoreIntents(Db.joined(handle), instanceId, bootId);
  }

  public String instanceId() {
    return instanceId;
  }

  public String bootId() {
    return bootId;
  }

  /** Records, committed before it returns, that {@code location} is about to be stored for {@code assetId}. */
  public void record(Location location, String assetId, String purpose) {
    db.with(h -> h.createUpdate("INSERT INTO store_intents (location, asset_id, purpose, instance_id, boot_id,"
            + " created_at) VALUES (:loc, :asset, :purpose, :instance, :boot, :now)")
        .bind("loc", location.toString()).bind("asset", assetId).bind("purpose", purpose)
        .bind("instance", instanceId).bind("boot", bootId).bind("now", System.currentTimeMillis()).execute());
  }

  /**
   * Deletes the intents of objects the caller's transaction is about to reference; false (the caller must roll
   * back) when any of them was claimed by a sweep or is gone, because the sweep may have deleted its object.
   */
  public boolean release(Collection<Location> locations) {
    if (locations.isEmpty()) {
      return true;
    }
    int deleted = db.with(h -> h.createUpdate("DELETE FROM store_intents WHERE location IN (<locs>)"
            + " AND claimed_at IS NULL").bindList("locs", texts(locations)).execute());
    return deleted == locations.size();
  }

  /** Deletes the intent of an object that is removed (or was never stored). */
  public void forget(Location location) {
    db.with(h -> h.createUpdate("DELETE FROM store_intents WHERE location = :loc")
        .bind("loc", location.toString()).execute());
  }

  /**
   * Leftover intents to resolve: every intent of an earlier run of this instance (it is dead: one server per
   * data dir), and any intent older than {@code cutoff} (its upload died or is too slow to be let commit).
   */
  public List<Intent> leftovers(Instant cutoff, int limit) {
    return db.with(h -> h.createQuery("SELECT location, asset_id, purpose, created_at FROM store_intents"
            + " WHERE (instance_id = :instance AND boot_id <> :boot) OR created_at < :cutoff"
            + " ORDER BY created_at, location LIMIT :limit")
        .bind("instance", instanceId).bind("boot", bootId).bind("cutoff", cutoff.toEpochMilli())
        .bind("limit", limit)
        .map((rs, ctx) -> new Intent(Location.parse(rs.getString("location")), rs.getString("asset_id"),
            rs.getString("purpose"), Instant.ofEpochMilli(rs.getLong("created_at"))))
        .list());
  }

  /** Marks an intent as being resolved, so that its upload can no longer commit; false when it is gone. */
  public boolean claim(Location location) {
    return db.with(h -> h.createUpdate("UPDATE store_intents SET claimed_at = :now WHERE location = :loc")
        .bind("now", System.currentTimeMillis()).bind("loc", location.toString()).execute()) == 1;
  }

  /** How many intents there are (for tests and the system status). */
  public long count() {
    return db.with(h -> h.createQuery("SELECT COUNT(*) FROM store_intents").mapTo(Long.class).one());
  }

  private static List<String> texts(Collection<Location> locations) {
    return locations.stream().map(Location::toString).toList();
  }

  /** A new id for this run of the server. */
  public static String newBootId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The id of the server that owns {@code dataDir}, created on its first start (written to a temp file and
   * moved into place, so a kill never leaves a half-written id).
   */
  public static String instanceId(Path dataDir) {
    Path file = dataDir.resolve(INSTANCE_FILE);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Path tmp = Files.createTempFile(dataDir, ".instance-id-", ".tmp");
      try {
        Files.writeString(tmp, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
          // another writer won; use its id
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ServerException(Kind.UNAVAILABLE, "cannot read or create " + file + ": " + e.getMessage()
          + "; set LIGHTBOX_DATA_DIR to a writable directory", e);
    }
  }
}
