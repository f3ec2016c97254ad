package dev.lightbox.server.migration;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.StorageBackend;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to migrate: every object of the given kinds that is not yet in {@code target}.
 *
 * @param concurrency objects in flight at once
 * @param dryRun only estimate; nothing is copied and no batch is recorded
 * @param deleteSource delete each source object once the catalog points at its verified copy
 * @param sourceGrace how long a source object stays after the switch before it is deleted, so that readers
 *     holding the old location (a server's cached row, a presigned URL just handed out) can finish
 */
public record MigrationRequest(StorageBackend target, Set<ObjectKind> kinds, int concurrency, boolean dryRun,
    boolean deleteSource, Duration sourceGrace) {

  public static final int MAX_CONCURRENCY = 256;
  public static final Duration DEFAULT_SOURCE_GRACE = Duration.ofSeconds(15);

  public MigrationRequest {
    if (target == null) {
      throw ServerException.badRequest("a migration needs a target: disk or s3");
    }
    if (kinds == null || kinds.isEmpty()) {
      throw ServerException.badRequest("a migration needs at least one kind: original, thumbnail or preview");
    }
    kinds = Set.copyOf(EnumSet.copyOf(kinds));
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw ServerException.badRequest("concurrency must be between 1 and " + MAX_CONCURRENCY + ", was "
          + concurrency);
    }
    if (sourceGrace == null || sourceGrace.isNegative()) {
      throw ServerException.badRequest("the source grace period must be zero or positive");
    }
  }

  public static Builder to(StorageBackend target) {
    return new Builder(target);
  }

  /** The backend the objects come from: the one that is not the target. */
  public StorageBackend source() {
    return otherThan(target);
  }

  static StorageBackend otherThan(StorageBackend backend) {
    return backend == StorageBackend.DISK ? StorageBackend.S3 : StorageBackend.DISK;
  }

  /** Builds a request: every kind, concurrency 16, no dry run, sources kept. */
  public static final class Builder {
    private final StorageBackend target;
    private Set<ObjectKind> kinds = EnumSet.allOf(ObjectKind.class);
    private int concurrency = 16;
    private boolean dryRun;
    private boolean deleteSource;
    private Duration sourceGrace = DEFAULT_SOURCE_GRACE;

    private Builder(StorageBackend target) {
      this.target = target;
    }

    public Builder kinds(Set<ObjectKind> v) {
      kinds = v;
      return this;
    }

    public Builder concurrency(int v) {
      concurrency = v;
      return this;
    }

    public Builder dryRun(boolean v) {
      dryRun = v;
      return this;
    }

    public Builder deleteSource(boolean v) {
      deleteSource = v;
      return this;
    }

    public Builder sourceGrace(Duration v) {
      sourceGrace = v;
      return this;
    }

    public MigrationRequest build() {
      return new MigrationRequest(target, kinds, concurrency, dryRun, deleteSource, sourceGrace);
    }
  }
}
