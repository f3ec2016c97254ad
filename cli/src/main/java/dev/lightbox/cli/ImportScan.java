package dev.lightbox.cli;

import dev.lightbox.media.MediaSniffer;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Walks the paths given to {@code lightbox import} (following links, into every folder) and sorts each file into
 * media Lightbox accepts (by its first bytes, as the server decides) or skipped with the reason.
 */
final class ImportScan {
  /** A file to import. */
  record Candidate(Path path, long size, long modifiedMillis) {
  }

  /** A file (or folder) left out, and why; a {@code failure} is one that should have gone in but could not. */
  record Skipped(Path path, String reason, boolean failure) {
    static Skipped deliberately(Path path, String reason) {
      return new Skipped(path, reason, false);
    }

    static Skipped failed(Path path, IOException e) {
      return new Skipped(path, ImportScan.reason(e), !(e instanceof FileSystemLoopException));
    }
  }

  private final List<Candidate> candidates = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();

  private ImportScan() {
  }

  static ImportScan of(List<Path> roots) {
    ImportScan scan = new ImportScan();
    for (Path root : roots) {
      scan.walk(root.toAbsolutePath().normalize());
    }
    return scan;
  }

  List<Candidate> candidates() {
    return candidates;
  }

  List<Skipped> skipped() {
    return skipped;
  }

  long candidateBytes() {
    return candidates.stream().mapToLong(Candidate::size).sum();
  }

  private void walk(Path root) {
    if (!Files.exists(root)) {
      skipped.add(new Skipped(root, "does not exist", true));
      return;
    }
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              consider(file, attrs);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              skipped.add(Skipped.failed(file, e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      skipped.add(Skipped.failed(root, e));
    }
  }

  private void consider(Path file, BasicFileAttributes attrs) {
    if (!attrs.isRegularFile()) {
      skipped.add(Skipped.deliberately(file, "not a regular file"));
    } else if (attrs.size() == 0) {
      skipped.add(Skipped.deliberately(file, "empty (0 bytes)"));
    } else {
      try {
        if (MediaSniffer.sniff(file).isPresent()) {
          candidates.add(new Candidate(file, attrs.size(), attrs.lastModifiedTime().toMillis()));
        } else {
          skipped.add(Skipped.deliberately(file, "not a supported image or video format"));
        }
      } catch (IOException e) {
        skipped.add(Skipped.failed(file, e));
      }
    }
  }

  static String reason(IOException e) {
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link loop";
    }
    if (e instanceof NoSuchFileException) {
      return "vanished while reading";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "cannot be read (permission denied)";
    }
    return "cannot be read: " + e.getMessage();
  }
}
