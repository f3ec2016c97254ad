package dev.lightbox.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Per-key results of a batched delete. Deleting a key that does not exist counts as deleted. */
public record DeleteManyResult(List<BlobKey> deleted, List<Failure> failures) {
  public DeleteManyResult {
    deleted = List.copyOf(deleted);
    failures = List.copyOf(failures);
  }

  /**
   * Deletes the keys one at a time with {@code delete}, for a store without a batch call: a key whose delete
   * throws a {@link StorageException} is reported as a failure and the others go on.
   */
  public static DeleteManyResult oneByOne(Collection<BlobKey> keys, Consumer<BlobKey> delete) {
    List<BlobKey> deleted = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (BlobKey key : keys) {
      try {
        delete.accept(key);
        deleted.add(key);
      } catch (StorageException e) {
        failures.add(new Failure(key, e.kind(), e.getMessage()));
      }
    }
    return new DeleteManyResult(deleted, failures);
  }

  public boolean allDeleted() {
    return failures.isEmpty();
  }

  /** One key the store would not delete, with its error code and message from the store. */
  public record Failure(BlobKey key, StorageException.Kind kind, String message) {
  }
}
