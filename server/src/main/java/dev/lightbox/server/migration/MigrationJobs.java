package dev.lightbox.server.migration;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one migration at a time as a background job inside the server, with the same journal, lease and
 * progress as the command line. Closing it stops a running job, which stays resumable.
 */
public final class MigrationJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MigrationJobs.class);

  private final Migrator migrator;
  private Job current;

  public MigrationJobs(Migrator migrator) {
    this.migrator = migrator;
  }

  public Migrator migrator() {
    return migrator;
  }

  /** Prepares the batch now (failing at once on a conflict) and runs it in the background. */
  public synchronized Job start(MigrationRequest request) {
    return launch(m -> m.prepare(request));
  }

  public synchronized Job startRollback(String batchId, int concurrency, Duration grace) {
    return launch(m -> m.prepareRollback(batchId, concurrency, grace));
  }

  private Job launch(Function<Migrator, PreparedRun> prepare) {
    PreparedRun run = prepare.apply(migrator);
    Job job = new Job(run);
    current = job;
    if (run.nothingToDo()) {
      job.report = run.run(MigrationListener.NONE);
      return job;
    }
    job.thread = Thread.ofVirtual().name("lightbox-migrate-job-" + run.batchId()).start(() -> {
      try {
        job.report = run.run(new MigrationListener() {
          @Override
          public void note(String message) {
            LOG.info("migration {}: {}", run.batchId(), message);
          }
        });
        LOG.info("migration {} finished: {}", run.batchId(), job.report);
      } catch (RuntimeException e) {
        job.error = e.getMessage();
        LOG.error("migration {} failed", run.batchId(), e);
      }
    });
    return job;
  }

  /** The job started last, running or finished. */
  public synchronized Optional<Job> current() {
    return Optional.ofNullable(current);
  }

  /** Stops the running job if it runs {@code batchId}; false when no such job runs. */
  public synchronized boolean stop(String batchId) {
    if (current == null || !current.running() || !batchId.equals(current.run.batchId())) {
      return false;
    }
    current.run.stop("stopped by an admin");
    return true;
  }

  @Override
  public void close() {
    Job job;
    synchronized (this) {
      job = current;
    }
    if (job != null && job.running()) {
      job.run.stop("the server is shutting down");
      job.await(Duration.ofSeconds(30));
    }
  }

  /** A background run: its live progress, then its report (or the error that ended it). */
  public static final class Job {
    private final PreparedRun run;
    private volatile Thread thread;
    private volatile MigrationReport report;
    private volatile String error;

    private Job(PreparedRun run) {
      this.run = run;
    }

    public String batchId() {
      return run.batchId();
    }

    public String operation() {
      return run.operation();
    }

    public MigrationEstimate estimate() {
      return run.estimate();
    }

    public boolean running() {
      return thread != null && thread.isAlive();
    }

    /** Live counters, or null when there was nothing to do. */
    public MigrationProgress progress() {
      return run.progress();
    }

    public MigrationReport report() {
      return report;
    }

    public String error() {
      return error;
    }

    public boolean await(Duration timeout) {
      Thread t = thread;
      if (t == null) {
        return true;
      }
      try {
        return t.join(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
