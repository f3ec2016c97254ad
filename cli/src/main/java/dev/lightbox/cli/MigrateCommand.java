package dev.lightbox.cli;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.migration.MigrationEstimate;
import dev.lightbox.server.migration.MigrationRequest;
import dev.lightbox.server.migration.Migrator;
import dev.lightbox.server.migration.PreparedRun;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lightbox migrate}: moves the library's objects between disk and S3, verified and resumable. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Move stored objects between disk and S3 while the server keeps serving.",
        "Each object is copied, read back and checked against the catalog's SHA-256, and the catalog is switched",
        "only if its row did not change meanwhile. Killed or failed runs resume where they stopped: run the same",
        "command again. See docs/migration.md."},
    subcommands = {MigrateStatusCommand.class, MigrateRollbackCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every object moved or skipped", "1:done, but some objects failed (listed; they stay put)",
        "2:invalid usage", "69:a store or the catalog failed; run again to resume",
        "75:another migration runs, or another batch is unfinished", "78:invalid configuration",
        "130:interrupted; run again to resume"})
final class MigrateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions config;

  @Option(names = "--to", paramLabel = "disk|s3", description = "Where the objects go.")
  String to;

  @Option(names = "--kinds", split = ",", paramLabel = "KIND",
      description = "Which objects: original, thumbnail, preview (comma-separated; default all three).")
  List<String> kinds;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
      description = "Objects in flight at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--dry-run", description = "Only print how many objects and bytes would move.")
  boolean dryRun;

  @Option(names = "--delete-source",
      description = "Delete each source object once its verified copy is in the catalog (default: keep them).")
  boolean deleteSource;

  @Option(names = "--source-grace", paramLabel = "SECONDS", defaultValue = "15", hidden = true,
      description = "How long a source object stays after its switch before it is deleted.")
  long sourceGraceSeconds;

  @Override
  public Integer call() {
    if (to == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Missing --to disk|s3 (or use 'lightbox migrate status' / 'lightbox migrate rollback <batch-id>')");
    }
    MigrationRequest request = request();
    ServerConfig cfg = config.loadExisting();
    if (cfg.s3() == null) {
      System.err.println("lightbox: migrating " + (request.target() == StorageBackend.S3 ? "to" : "from")
          + " S3 needs the bucket: set LIGHTBOX_S3_BUCKET (and LIGHTBOX_S3_ENDPOINT, _REGION, _ACCESS_KEY_ID,"
          + " _SECRET_ACCESS_KEY as needed) in the environment or the --config file");
      return ErrorHandler.CONFIG_ERROR;
    }
    try (Migrator migrator = Migrator.open(cfg)) {
      if (request.dryRun()) {
        MigrationEstimate e = migrator.estimate(request);
        System.out.println("Dry run: " + (e.resumingBatch() == null ? "a new batch" : "the unfinished batch "
            + e.resumingBatch()) + " would move from " + e.source().id() + " (" + migrator.describe(e.source())
            + ") to " + e.target().id() + " (" + migrator.describe(e.target()) + "):");
        MigrationRunner.printEstimate(System.out, e);
        System.out.println("Nothing was copied or recorded.");
        return MigrationRunner.OK;
      }
      PreparedRun prepared;
      try {
        prepared = migrator.prepare(request);
      } catch (ServerException e) {
        return MigrateCommand.refused(e);
      }
      int exit = new MigrationRunner(System.out, System.err).run(migrator, prepared);
      if (exit == MigrationRunner.OK) {
        MigrationEstimate left = migrator.estimate(request);
        if (!left.isEmpty()) {
          System.out.println("Note: " + Sizes.count(left.objects()) + " objects are still in " + left.source().id()
              + " (uploaded after this batch was planned, or failed); run the command again to move them. New"
              + " uploads go to LIGHTBOX_STORAGE_BACKEND; set it to " + left.target().id() + " to stop that.");
        }
        sweep(migrator, request.target());
      }
      return exit;
    }
  }

  /** Removes day-old leftovers of killed earlier runs from the target; says so only when it found some. */
  private static void sweep(Migrator migrator, StorageBackend target) {
    try {
      SweepResult result = migrator.sweepTemporary(target);
      if (result.removed() + result.abortedUploads() > 0 || !result.complete()) {
        System.out.println("Swept leftovers of interrupted uploads in " + target.id() + ": " + result.summary());
      }
    } catch (StorageException e) {
      System.out.println("Note: could not sweep leftovers of interrupted uploads in " + target.id() + " ("
          + e.getMessage() + "); the server does it daily.");
    }
  }

  private MigrationRequest request() {
    StorageBackend target = switch (to.toLowerCase(Locale.ROOT)) {
      case "s3" -> StorageBackend.S3;
      case "disk" -> StorageBackend.DISK;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--to must be disk or s3, was '" + to + "'");
    };
    Set<ObjectKind> selected = EnumSet.noneOf(ObjectKind.class);
    if (kinds == null || kinds.isEmpty()) {
      selected.addAll(EnumSet.allOf(ObjectKind.class));
    } else {
      for (String k : kinds) {
        ObjectKind kind = ObjectKind.fromId(k.trim().toLowerCase(Locale.ROOT).replaceAll("s$", ""));
        if (kind == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "unknown kind '" + k + "' in --kinds; use originals, thumbnails, previews");
        }
        selected.add(kind);
      }
    }
    if (concurrency < 1 || concurrency > MigrationRequest.MAX_CONCURRENCY) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--concurrency must be between 1 and " + MigrationRequest.MAX_CONCURRENCY);
    }
    if (sourceGraceSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source-grace must be zero or more");
    }
    return MigrationRequest.to(target).kinds(selected).concurrency(concurrency).dryRun(dryRun)
        .deleteSource(deleteSource).sourceGrace(Duration.ofSeconds(sourceGraceSeconds)).build();
  }

  /** Prints why the batch could not start and picks the exit code. */
  static int refused(ServerException e) {
    System.err.println("lightbox: " + e.getMessage());
    return switch (e.kind()) {
      case CONFLICT -> MigrationRunner.BUSY;
      case INVALID_INPUT, NOT_FOUND -> CommandLine.ExitCode.USAGE;
      default -> ErrorHandler.UNAVAILABLE;
    };
  }
}
