package dev.lightbox.server.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An upload written to a temp file, with its size and SHA-256; closing removes the file. */
public record SpooledUpload(Path file, String fileName, long size, String sha256) implements AutoCloseable {
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the temp dir is swept at start-up
    }
  }
}
