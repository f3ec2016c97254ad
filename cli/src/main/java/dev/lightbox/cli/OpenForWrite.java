package dev.lightbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which files some process still has open for writing, where the system tells: on Linux every readable
 * {@code /proc/PID/fd} link is compared with the files and {@code /proc/PID/fdinfo} says the open mode. Only the
 * processes of this user (and all of them for root) are visible; elsewhere the answer is empty, and the settle
 * period alone decides.
 */
final class OpenForWrite {
  private static final Path PROC = Path.of("/proc");
  private static final int ACCESS_MODE = 3; // O_ACCMODE: 0 read-only, 1 write-only, 2 read-write

  private OpenForWrite() {
  }

  static boolean supported() {
    return Files.isDirectory(PROC.resolve("self/fd"));
  }

  /** The subset of {@code files} open for writing by any visible process. */
  static Set<Path> among(Collection<Path> files) {
    Set<Path> busy = new HashSet<>();
    if (files.isEmpty() || !supported()) {
      return busy;
    }
    Map<Path, Path> byRealPath = new HashMap<>();
    for (Path f : files) {
      try {
        byRealPath.put(f.toRealPath(), f);
      } catch (IOException gone) {
        // vanished: the caller notices
      }
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
      for (Path process : processes) {
        collect(process, byRealPath, busy); // this process too: it only ever reads the files
      }
    } catch (IOException | RuntimeException e) {
      // /proc unreadable: the settle period decides
    }
    return busy;
  }

  private static void collect(Path process, Map<Path, Path> byRealPath, Set<Path> busy) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        Path target;
        try {
          target = Files.readSymbolicLink(fd);
        } catch (IOException closed) {
          continue;
        }
        Path file = byRealPath.get(target);
        if (file != null && writable(process.resolve("fdinfo").resolve(fd.getFileName()))) {
          busy.add(file);
        }
      }
    } catch (IOException | RuntimeException notOurs) {
      // another user's process or one that just ended
    }
  }

  private static boolean writable(Path fdinfo) {
    try {
      for (String line : Files.readAllLines(fdinfo, StandardCharsets.US_ASCII)) {
        if (line.startsWith("flags:")) {
          return (Integer.parseInt(line.substring(6).trim(), 8) & ACCESS_MODE) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return true; // open, mode unknown: be careful
    }
    return true;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
