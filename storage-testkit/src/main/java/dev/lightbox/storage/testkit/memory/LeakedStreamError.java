package dev.lightbox.storage.testkit.memory;

/**
 * A test left a {@code BlobStream} of an {@link InMemoryBlobStore} open. The message names every leaked
 * key and where its stream was opened; the cause carries the first one's full stack.
 */
public final class LeakedStreamError extends AssertionError {
  private static final long serialVersionUID = 1L;

  LeakedStreamError(String message, Throwable firstOpenedAt) {
    super(message, firstOpenedAt);
  }
}
