package dev.lightbox.storage;

/**
 * Receives byte counts while data moves. Implementations must be thread-safe: parallel multipart
 * uploads report from several threads at once. A part that is retried reports its bytes again after
 * {@link #onRetry(long)} took back what it had reported, so the total always ends at the bytes stored.
 */
public interface TransferProgress {
  TransferProgress NONE = new TransferProgress() {
    @Override
    public void onBytes(long bytes) {
    }
  };

  /** Called once before any byte, with the total size or -1 when it is not known. */
  default void onStart(long totalBytes) {
  }

  /** {@code bytes} more bytes were sent or received. */
  void onBytes(long bytes);

  /** A retried part takes back {@code bytes} it had already reported. */
  default void onRetry(long bytes) {
    onBytes(-bytes);
  }

  /** Called once when the transfer has finished successfully. */
  default void onComplete(long totalBytes) {
  }
}
