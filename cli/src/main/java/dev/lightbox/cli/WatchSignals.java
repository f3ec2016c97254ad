package dev.lightbox.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM while {@code lightbox watch} runs: either asks the watcher to stop (and interrupts a wait,
 * a hash or an upload in progress), so that it saves its queue and exits with 130 (SIGINT) or 0 (SIGTERM, as
 * systemd sends). The JVM's own handlers are put back on close. Where the JVM does not offer signal handlers the
 * default applies: the process ends, and the next start continues from the saved queue.
 */
final class WatchSignals implements AutoCloseable {
  private final Thread worker;
  private volatile boolean stop;
  private volatile boolean interrupted;
  private SignalHandler oldInt;
  private SignalHandler oldTerm;

  private WatchSignals(Thread worker) {
    this.worker = worker;
  }

  static WatchSignals install(Thread worker) {
    WatchSignals s = new WatchSignals(worker);
    try {
      s.oldInt = Signal.handle(new Signal("INT"), sig -> s.stop(true));
      s.oldTerm = Signal.handle(new Signal("TERM"), sig -> s.stop(false));
    } catch (IllegalArgumentException | LinkageError unsupported) {
      // no signal handlers here: the default (exit) applies
    }
    return s;
  }

  private void stop(boolean byInterrupt) {
    interrupted = byInterrupt;
    stop = true;
    worker.interrupt();
  }

  boolean stopRequested() {
    return stop;
  }

  /** Whether the stop came from SIGINT. */
  boolean interrupted() {
    return interrupted;
  }

  @Override
  public void close() {
    if (oldInt != null) {
      Signal.handle(new Signal("INT"), oldInt);
    }
    if (oldTerm != null) {
      Signal.handle(new Signal("TERM"), oldTerm);
    }
  }
}
