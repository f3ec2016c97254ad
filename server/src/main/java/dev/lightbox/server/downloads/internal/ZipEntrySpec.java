package dev.lightbox.server.downloads.internal;

import java.nio.charset.StandardCharsets;

/**
 * One entry of an archive as planned before any byte is read: its (already unique and safe) name, its exact
 * size, and its modification time in seconds since the epoch.
 */
public record ZipEntrySpec(String name, long size, long modifiedEpochSecond) {
  public ZipEntrySpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an entry needs a name");
    }
    if (size < 0) {
      throw new IllegalArgumentException("entry " + name + " has a negative size");
    }
  }

  byte[] nameBytes() {
    return name.getBytes(StandardCharsets.UTF_8);
  }
}
