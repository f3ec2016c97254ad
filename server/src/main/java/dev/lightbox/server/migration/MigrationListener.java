package dev.lightbox.server.migration;

/** Hears what a running migration does; every method may be called from any thread. */
public interface MigrationListener {
  MigrationListener NONE = new MigrationListener() { };

  /** The batch is about to copy: {@code progress} stays live until the run returns. */
  default void started(MigrationProgress progress, boolean resumed) {
  }

  /** Something worth a line of its own (a stop, a wait before deleting sources). */
  default void note(String message) {
  }
}
