package dev.lightbox.storage;

import java.time.Instant;
import java.util.Objects;

/** Object Lock settings for one put: a retention mode with a retain-until date, and/or a legal hold. */
public record ObjectLock(Mode mode, Instant retainUntil, boolean legalHold) {
  public enum Mode { GOVERNANCE, COMPLIANCE }

  public ObjectLock {
    if ((mode == null) != (retainUntil == null)) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "object lock", null, null,
          "a retention mode needs a retain-until date and the other way round");
    }
  }

  public static ObjectLock retain(Mode mode, Instant until) {
    return new ObjectLock(Objects.requireNonNull(mode), Objects.requireNonNull(until), false);
  }

  public static ObjectLock legalHoldOnly() {
    return new ObjectLock(null, null, true);
  }

  public ObjectLock withLegalHold(boolean on) {
    return new ObjectLock(mode, retainUntil, on);
  }
}
