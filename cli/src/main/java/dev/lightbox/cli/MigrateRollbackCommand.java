package dev.lightbox.cli;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.migration.BatchStatus;
import dev.lightbox.server.migration.MigrationRequest;
import dev.lightbox.server.migration.Migrator;
import dev.lightbox.server.migration.PreparedRun;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lightbox migrate rollback <batch-id>}: moves a batch's objects back, with the same guarantees. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Move every object a batch moved back to where it was, verified the same way, then delete",
        "the copies the batch made. Resumable like a migration: run it again after an interruption."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every object moved back (or the batch was already rolled back)", "1:done, but some objects failed (listed)", "2:invalid usage",
        "69:a store or the catalog failed; run again to resume", "75:another migration runs",
        "130:interrupted; run again to resume"})
final class MigrateRollbackCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions config;

  @Parameters(paramLabel = "BATCH-ID", description = "The batch to undo (see 'lightbox migrate status').")
  String batchId;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
      description = "Objects in flight at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--source-grace", paramLabel = "SECONDS", defaultValue = "15", hidden = true,
      description = "How long a copy stays after the catalog points back before it is deleted.")
  long sourceGraceSeconds;

  @Override
  public Integer call() {
    if (concurrency < 1 || concurrency > MigrationRequest.MAX_CONCURRENCY) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--concurrency must be between 1 and " + MigrationRequest.MAX_CONCURRENCY);
    }
    try (Migrator migrator = Migrator.open(config.loadExisting())) {
      Optional<BatchStatus> batch = migrator.status(batchId);
      if (batch.isPresent() && "rolled_back".equals(batch.get().state())) {
        // A rerun after a run that finished but whose exit was lost (killed, terminal closed) must succeed.
        System.out.println("batch " + batchId + " was already rolled back (" + batch.get().message()
            + "); nothing to do");
        return CommandLine.ExitCode.OK;
      }
      PreparedRun prepared;
      try {
        prepared = migrator.prepareRollback(batchId, concurrency, Duration.ofSeconds(Math.max(0, sourceGraceSeconds)));
      } catch (ServerException e) {
        return MigrateCommand.refused(e);
      }
      return new MigrationRunner(System.out, System.err).run(migrator, prepared);
    }
  }
}
