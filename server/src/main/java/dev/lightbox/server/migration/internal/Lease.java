package dev.lightbox.server.migration.internal;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The one-row lease ({@code migration_lease}) that lets a single migration run at a time, across processes
 * and machines sharing the catalog. A holder proves it is alive by a heartbeat; on the same host a holder
 * whose process is gone (killed, crashed) is recognised at once, so a resumed run never waits for it. The only
 * code with SQL on {@code migration_lease}.
 */
public final class Lease implements AutoCloseable {
  /** A holder on another host is presumed dead after this long without a heartbeat. */
  static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(60);
  private static final Set<String> ACTIVE_RUNS = ConcurrentHashMap.newKeySet();
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();
  private static final long START = startMillis(ProcessHandle.current());

  private final Jdbi jdbi;
  private final String runner;
  private volatile boolean held = true;

  private Lease(Jdbi jdbi, String runner) {
    this.jdbi = jdbi;
    this.runner = runner;
  }

  /** Takes the lease, or fails with CONFLICT naming the live holder. */
  public static Lease acquire(Jdbi jdbi) {
    Holder seen = holder(jdbi);
    if (seen.runner() != null && alive(seen)) {
      throw new ServerException(Kind.CONFLICT, "another migration is running" + (seen.batchId() == null ? ""
          : " (batch " + seen.batchId() + ")") + " in " + describe(seen.runner()) + "; wait for it to finish, or see"
          + " 'lightbox migrate status'", false, null);
    }
    String runner = "host=" + HOST + ";pid=" + PID + ";start=" + START + ";run=" + UUID.randomUUID();
    int taken = jdbi.withHandle(h -> {
      var update = h.createUpdate("UPDATE migration_lease SET runner = :runner, batch_id = NULL, heartbeat_at = :now"
          + " WHERE id = 1 AND " + (seen.runner() == null ? "runner IS NULL" : "runner = :seen"))
          .bind("runner", runner).bind("now", System.currentTimeMillis());
      if (seen.runner() != null) {
        update.bind("seen", seen.runner());
      }
      return update.execute();
    });
    if (taken != 1) {
      throw new ServerException(Kind.CONFLICT, "another migration started at the same moment; see"
          + " 'lightbox migrate status'", false, null);
    }
    ACTIVE_RUNS.add(runner);
    return new Lease(jdbi, runner);
  }

  /** Who holds the lease (runner null when free). */
  public static Holder holder(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT runner, batch_id, heartbeat_at FROM migration_lease"
            + " WHERE id = 1")
        .map((rs, ctx) -> new Holder(rs.getString("runner"), rs.getString("batch_id"), rs.getLong("heartbeat_at")))
        .one());
  }

  /** Whether the holder's process still runs (same host) or heartbeats (another host). */
  public static boolean alive(Holder h) {
    if (h.runner() == null) {
      return false;
    }
    String host = field(h.runner(), "host");
    if (!HOST.equals(host)) {
      return System.currentTimeMillis() - h.heartbeatAt() < REMOTE_TIMEOUT.toMillis();
    }
    long pid = Long.parseLong(field(h.runner(), "pid"));
    if (pid == PID) {
      return ACTIVE_RUNS.contains(h.runner());
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.isPresent() && process.get().isAlive()
        && String.valueOf(startMillis(process.get())).equals(field(h.runner(), "start"));
  }

  /** {@code host <h>, process <pid>}: for messages. */
  public static String describe(String runner) {
    return "process " + field(runner, "pid") + " on " + field(runner, "host");
  }

  public void bind(String batchId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE migration_lease SET batch_id = :b WHERE id = 1 AND runner = :r")
        .bind("b", batchId).bind("r", runner).execute());
  }

  /** Renews the lease; false when another process has taken it (this run must stop at once). */
  public boolean heartbeat() {
    if (!held) {
      return false;
    }
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE migration_lease SET heartbeat_at = :now WHERE id = 1"
        + " AND runner = :r").bind("now", System.currentTimeMillis()).bind("r", runner).execute());
    return n == 1;
  }

  public String runner() {
    return runner;
  }

  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    ACTIVE_RUNS.remove(runner);
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE migration_lease SET runner = NULL, batch_id = NULL,"
          + " heartbeat_at = NULL WHERE id = 1 AND runner = :r").bind("r", runner).execute());
    } catch (RuntimeException e) {
      // The process is leaving: the next run sees this process is gone and takes the lease anyway.
    }
  }

  private static String field(String runner, String name) {
    for (String part : runner.split(";")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return "";
  }

  private static long startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown-host";
    }
  }

  /** The lease row. */
  public record Holder(String runner, String batchId, long heartbeatAt) {
  }
}
