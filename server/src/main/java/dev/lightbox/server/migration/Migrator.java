package dev.lightbox.server.migration;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate.Totals;
import dev.lightbox.server.migration.internal.BatchRow;
import dev.lightbox.server.migration.internal.Journal;
import dev.lightbox.server.migration.internal.Lease;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.storage.StoreFactory;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves stored objects between disk and S3 with the catalog kept consistent: per object copy, verify by
 * reading back, switch only if the row is unchanged, delete the source only after that and only when asked.
 * Batches are journaled in the catalog, so {@link #status}, rollback and resuming after any crash work.
 */
public final class Migrator implements AutoCloseable {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private final Catalog catalog;
  private final LibraryStorage storage;
  private final boolean owned;
  private final Journal journal;

  private Migrator(Catalog catalog, LibraryStorage storage, boolean owned) {
    this.catalog = catalog;
    this.storage = storage;
    this.owned = owned;
    this.journal = new Journal(catalog);
  }

  /** Opens the catalog and the stores the configuration names (for the command line). */
  public static Migrator open(ServerConfig config) {
    LibraryStorage storage = new LibraryStorage(StoreFactory.open(config, new EnumMap<>(StorageBackend.class)), config.storageBackend());
    try {
      return new Migrator(Catalog.open(config.dbUrl(), config.dbUser(), config.dbPassword()), storage, true);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** Works on a running server's catalog and stores, which it does not close. */
  public static Migrator over(Catalog catalog, LibraryStorage storage) {
    return new Migrator(catalog, storage, false);
  }

  /** What {@link #prepare} would move, without recording anything. */
  public MigrationEstimate estimate(MigrationRequest request) {
    requireConfigured(request.target());
    Optional<BatchRow> unfinished = journal.unfinished();
    if (unfinished.isPresent() && matches(unfinished.get(), request)) {
      BatchRow b = unfinished.get();
      return new MigrationEstimate(b.source(), b.target(), withAllKinds(journal.items().pendingTotals(b.id()), b), b.id());
    }
    return new MigrationEstimate(request.source(), request.target(),
        journal.catalogTotals(request.source(), request.kinds()), null);
  }

  /**
   * Takes the lease and resumes the unfinished batch with the same target and kinds, or plans a new one.
   * Fails with CONFLICT when another migration runs or a different batch is unfinished.
   */
  public PreparedRun prepare(MigrationRequest request) {
    requireConfigured(request.target());
    requireConfigured(request.source());
    preflight(request.target());
    Lease lease = Lease.acquire(catalog.jdbi());
    try {
      Optional<BatchRow> unfinished = journal.unfinished();
      BatchRow batch;
      boolean resumed = unfinished.isPresent();
      if (resumed) {
        batch = unfinished.get();
        if (!matches(batch, request)) {
          throw new ServerException(Kind.CONFLICT, unfinishedMessage(batch), false, null);
        }
        if (batch.deleteSource() != request.deleteSource()) {
          journal.setDeleteSource(batch.id(), request.deleteSource());
          batch = journal.batch(batch.id()).orElseThrow();
        }
      } else {
        Map<ObjectKind, Totals> totals = journal.catalogTotals(request.source(), request.kinds());
        if (totals.values().stream().allMatch(t -> t.objects() == 0)) {
          return new PreparedRun(journal, storage, null, false,
              new MigrationEstimate(request.source(), request.target(), totals, null), lease, 1, Duration.ZERO,
              request.deleteSource());
        }
        batch = journal.createMigration(newBatchId(), request.source(), request.target(), request.kinds(),
            request.deleteSource());
      }
      return start(batch, resumed, lease, request.concurrency(), request.sourceGrace(), request.deleteSource());
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /**
   * Takes the lease and plans (or resumes) moving back every object {@code batchId} moved, deleting the
   * copies it made once the catalog points back at the originals.
   */
  public PreparedRun prepareRollback(String batchId, int concurrency, Duration grace) {
    BatchRow of = journal.batch(batchId).orElseThrow(() -> ServerException.notFound("migration batch " + batchId
        + " (see 'lightbox migrate status' for the batch ids)"));
    if (BatchRow.ROLLBACK.equals(of.operation())) {
      throw ServerException.badRequest("batch " + batchId + " is itself a rollback; to move its objects again run"
          + " 'lightbox migrate --to " + of.target().id() + "'");
    }
    if (BatchRow.ROLLED_BACK.equals(of.state())) {
      throw ServerException.badRequest("batch " + batchId + " was already rolled back (" + of.message() + ")");
    }
    requireConfigured(of.source());
    requireConfigured(of.target());
    preflight(of.source());
    preflight(of.target());
    Lease lease = Lease.acquire(catalog.jdbi());
    try {
      Optional<BatchRow> unfinished = journal.unfinished();
      BatchRow rollback = null;
      if (unfinished.isPresent()) {
        BatchRow u = unfinished.get();
        if (BatchRow.ROLLBACK.equals(u.operation()) && batchId.equals(u.rollbackOf())) {
          rollback = u;
        } else if (!u.id().equals(batchId)) {
          throw new ServerException(Kind.CONFLICT, unfinishedMessage(u), false, null);
        } else {
          journal.setState(batchId, BatchRow.STOPPED, "being rolled back");
        }
      }
      boolean resumed = rollback != null;
      if (rollback == null) {
        rollback = journal.createRollback(newBatchId(), of);
      }
      return start(rollback, resumed, lease, concurrency, grace, false);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private PreparedRun start(BatchRow batch, boolean resumed, Lease lease, int concurrency, Duration grace,
      boolean deleteKept) {
    journal.setState(batch.id(), BatchRow.RUNNING, null);
    lease.bind(batch.id());
    MigrationEstimate estimate = new MigrationEstimate(batch.source(), batch.target(),
        withAllKinds(journal.items().pendingTotals(batch.id()), batch), resumed ? batch.id() : null);
    return new PreparedRun(journal, storage, batch, resumed, estimate, lease, concurrency, grace, deleteKept);
  }

  /** The newest batches first, with live state: a running batch whose process is gone shows as interrupted. */
  public List<BatchStatus> status(int limit) {
    Lease.Holder holder = Lease.holder(catalog.jdbi());
    return journal.recent(limit).stream().map(b -> status(b, holder)).toList();
  }

  /** One batch, with live state. */
  public Optional<BatchStatus> status(String batchId) {
    return journal.batch(batchId).map(b -> status(b, Lease.holder(catalog.jdbi())));
  }

  private BatchStatus status(BatchRow b, Lease.Holder holder) {
    String state = b.state();
    String runner = null;
    if (BatchRow.RUNNING.equals(state)) {
      if (Lease.alive(holder) && b.id().equals(holder.batchId())) {
        runner = Lease.describe(holder.runner());
      } else {
        state = "interrupted";
      }
    }
    return new BatchStatus(b.id(), b.operation(), b.source().id(), b.target().id(), String.join(",",
        b.kinds().stream().map(ObjectKind::id).toList()), b.deleteSource(), b.rollbackOf(), state,
        b.plannedObjects(), b.plannedBytes(), journal.items().counts(b.id()), journal.items().bytesDone(b.id()), b.message(),
        Instant.ofEpochMilli(b.createdAt()), b.finishedAt() == null ? null : Instant.ofEpochMilli(b.finishedAt()),
        runner);
  }


  /** How many objects and bytes of each kind the catalog holds in each backend. */
  public Map<StorageBackend, Map<ObjectKind, Totals>> distribution() {
    Map<StorageBackend, Map<ObjectKind, Totals>> out = new EnumMap<>(StorageBackend.class);
    for (StorageBackend b : StorageBackend.values()) {
      out.put(b, journal.catalogTotals(b, EnumSet.allOf(ObjectKind.class)));
    }
    return out;
  }

  /** The reasons objects of a batch failed, first ones first. */
  public List<MigrationReport.Failure> failures(String batchId, int limit) {
    return journal.items().failures(batchId, limit).stream()
        .map(f -> new MigrationReport.Failure(f[0], f[1], f[2])).toList();
  }

  public String describe(StorageBackend backend) {
    return storage.describe(backend);
  }

  /**
   * Removes what killed earlier runs (or uploads) left in {@code backend}'s store: temporary data older than
   * {@link SweepResult#DEFAULT_AGE}, never an object or a write in progress. Throws {@link StorageException}.
   */
  public SweepResult sweepTemporary(StorageBackend backend) {
    requireConfigured(backend);
    return storage.store(backend).sweepTemporary(SweepResult.DEFAULT_AGE);
  }

  private static boolean matches(BatchRow batch, MigrationRequest request) {
    return BatchRow.MIGRATE.equals(batch.operation()) && batch.target() == request.target()
        && batch.kinds().equals(request.kinds());
  }

  private static String unfinishedMessage(BatchRow b) {
    String kinds = String.join(",", b.kinds().stream().map(ObjectKind::id).toList());
    return BatchRow.ROLLBACK.equals(b.operation())
        ? "the rollback " + b.id() + " of batch " + b.rollbackOf() + " is unfinished; finish it first with"
            + " 'lightbox migrate rollback " + b.rollbackOf() + "'"
        : "batch " + b.id() + " (to " + b.target().id() + ", " + kinds + ") is unfinished; finish it first with"
            + " 'lightbox migrate --to " + b.target().id() + " --kinds " + kinds + "', or undo it with"
            + " 'lightbox migrate rollback " + b.id() + "'";
  }

  private static Map<ObjectKind, Totals> withAllKinds(Map<ObjectKind, Totals> totals, BatchRow batch) {
    Map<ObjectKind, Totals> out = new EnumMap<>(ObjectKind.class);
    batch.kinds().forEach(k -> out.put(k, totals.getOrDefault(k, Totals.NONE)));
    return out;
  }

  private void requireConfigured(StorageBackend backend) {
    if (!storage.has(backend)) {
      throw new ServerException(Kind.INVALID_INPUT, backend.id() + " storage is not configured; set"
          + " LIGHTBOX_S3_BUCKET and the other LIGHTBOX_S3_* settings (see docs/migration.md)", false, null);
    }
  }

  /** Fails early, before anything is recorded, when a store cannot be reached or read. */
  private void preflight(StorageBackend backend) {
    BlobStore store = storage.store(backend);
    try {
      store.list(ListRequest.of("").withPageSize(1));
    } catch (StorageException e) {
      throw new ServerException(Kind.UNAVAILABLE, "cannot reach " + store.describe() + ": " + e.getMessage()
          + "; check the storage settings and the network, then run again", e.isRetryable(), e);
    }
  }

  private static String newBatchId() {
    return ID_TIME.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  @Override
  public void close() {
    if (owned) {
      try {
        storage.close();
      } finally {
        catalog.close();
      }
    }
  }
}
