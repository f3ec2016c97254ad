package dev.lightbox.storage;

import java.util.List;

/** Per-key results of a batched delete. Deleting a key that does not exist counts as deleted. */
public record DeleteManyResult(List<BlobKey> deleted, List<Failure> failures) {
  public DeleteManyResult {
    deleted = List.copyOf(deleted);
    failures = List.copyOf(failures);
  }

  public boolean allDeleted() {
    return failures.isEmpty();
  }

  /** One key the store would not delete, with its error code and message from the store. */
  public record Failure(BlobKey key, StorageException.Kind kind, String message) {
  }
}
