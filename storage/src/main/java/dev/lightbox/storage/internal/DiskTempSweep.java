package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.lightbox.storage.SweepResult;

/**
 * Removes the temp files ({@link DiskLayout#TEMP_PREFIX}) that a killed write left beside its target or in
 * the sidecar directory, when they were last written before a cutoff. A write in progress keeps touching
 * its temp file and renames it within moments of the last byte, so an old enough one has no writer.
 * Links are never followed; directories left empty by the sweep are removed, as a delete would.
 */
public final class DiskTempSweep {
  private final DiskLayout layout;

  public DiskTempSweep(DiskLayout layout) {
    this.layout = layout;
  }

  public SweepResult sweep(Instant cutoff) {
    Visitor visitor = new Visitor(cutoff);
    try {
      Files.walkFileTree(layout.root(), visitor);
    } catch (IOException e) {
      visitor.failures.add("could not walk " + layout.describe() + ": " + e);
    }
    return new SweepResult(visitor.removed, visitor.removedBytes, 0, visitor.kept, visitor.failures);
  }

  private final class Visitor extends SimpleFileVisitor<Path> {
    private final Instant cutoff;
    private final Set<Path> touchedDirs = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private long removed;
    private long removedBytes;
    private long kept;

    Visitor(Instant cutoff) {
      this.cutoff = cutoff;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (!attrs.isRegularFile() || !file.getFileName().toString().startsWith(DiskLayout.TEMP_PREFIX)) {
        return FileVisitResult.CONTINUE;
      }
      if (!attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
        kept++;
        return FileVisitResult.CONTINUE;
      }
      try {
        if (Files.deleteIfExists(file)) {
          removed++;
          removedBytes += attrs.size();
          touchedDirs.add(file.getParent());
        }
      } catch (IOException e) {
        failures.add("could not delete " + layout.keyOf(file) + ": " + e);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (!(e instanceof NoSuchFileException)) { // gone meanwhile: a concurrent delete or prune
        failures.add("could not read " + layout.keyOf(file) + ": " + e);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (touchedDirs.remove(dir) && !dir.equals(layout.root())) {
        try {
          Files.delete(dir); // its subdirectories were visited already; fails harmlessly when not empty
          touchedDirs.add(dir.getParent());
        } catch (IOException notEmptyOrGone) {
          // a writer may have just created a file in it; DiskWriter retries when we win that race
        }
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
