package dev.lightbox.cli;

import dev.lightbox.media.MediaSniffer;
import dev.lightbox.media.Sidecars;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the paths given to {@code lightbox import} (following links, into every folder) and sorts each file into
 * media Lightbox accepts (by its first bytes, as the server decides), sidecars kept with an image next to them
 * ({@code name.txt}, {@code name.json}, {@code name.xmp} or {@code name.ext.xmp|txt|json}, see
 * {@link Sidecars}), or skipped with the reason.
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
  private final List<Candidate> sidecarFiles = new ArrayList<>();
  private final Map<Path, List<Candidate>> sidecars = new HashMap<>();

  private ImportScan() {
  }

  static ImportScan of(List<Path> roots) {
    ImportScan scan = new ImportScan();
    for (Path root : roots) {
      scan.walk(root.toAbsolutePath().normalize());
    }
    scan.pairSidecars();
    return scan;
  }

  /** The sidecar files next to this image (none when it has none). */
  List<Candidate> sidecarsOf(Candidate image) {
    return sidecars.getOrDefault(image.path(), List.of());
  }

  /** How many sidecar files belong to some image. */
  int sidecarCount() {
    return (int) sidecars.values().stream().flatMap(List::stream).map(Candidate::path).distinct().count();
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
    } else if (Sidecars.typeOf(file.getFileName().toString()).isPresent()) {
      sidecarFiles.add(new Candidate(file, attrs.size(), attrs.lastModifiedTime().toMillis())); // paired below
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

  /**
   * Gives each sidecar file to the images it belongs to: {@code a.png.xmp} to {@code a.png}, {@code a.txt} to
   * {@code a.png} (and to {@code a.jpg} when both are there). A sidecar with no image is skipped like any other
   * file that is not media; one larger than the server keeps is skipped with that reason.
   */
  private void pairSidecars() {
    Map<Path, Candidate> byPath = new HashMap<>();
    Map<Path, List<Candidate>> byStem = new HashMap<>();
    for (Candidate c : candidates) {
      byPath.put(c.path(), c);
      byStem.computeIfAbsent(stem(c.path()), k -> new ArrayList<>()).add(c);
    }
    for (Candidate s : sidecarFiles) {
      Path base = stem(s.path());
      List<Candidate> images = byPath.containsKey(base) ? List.of(byPath.get(base)) : byStem.getOrDefault(base, List.of());
      if (images.isEmpty()) {
        skipped.add(Skipped.deliberately(s.path(), "not a supported image or video format (and no image of the"
            + " same name next to it to keep it with)"));
      } else if (s.size() > Sidecars.MAX_BYTES) {
        skipped.add(Skipped.deliberately(s.path(), "a sidecar larger than " + Sizes.bytes(Sidecars.MAX_BYTES)
            + ", more than the server keeps"));
      } else {
        images.forEach(i -> sidecars.computeIfAbsent(i.path(), k -> new ArrayList<>()).add(s));
      }
    }
  }

  /** The path without its last extension: {@code dir/a.png} for {@code dir/a.png.xmp}, {@code dir/a} for {@code dir/a.png}. */
  private static Path stem(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? p.resolveSibling(name.substring(0, dot)) : p;
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
