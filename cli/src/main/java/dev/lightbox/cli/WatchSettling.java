package dev.lightbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files seen but not yet trusted to be complete: each is looked at again on every round, and a file whose size
 * and modification time have not changed for the settle period is ready. Any change starts the period again; a
 * file that disappears (renamed, deleted) is dropped.
 */
final class WatchSettling {
  private record Seen(ImportScan.Candidate file, long sinceNanos) {
  }

  private final Map<Path, Seen> files = new LinkedHashMap<>();
  private final long settleNanos;

  WatchSettling(long settleNanos) {
    this.settleNanos = settleNanos;
  }

  boolean contains(Path path) {
    return files.containsKey(path);
  }

  int size() {
    return files.size();
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  /** Starts (or starts again) the settle period of {@code file} as seen now. */
  void add(ImportScan.Candidate file, long nowNanos) {
    files.put(file.path(), new Seen(file, nowNanos));
  }

  /** The files unchanged for the settle period (taken out), after looking at every file again. */
  List<ImportScan.Candidate> ready(long nowNanos) {
    List<ImportScan.Candidate> ready = new ArrayList<>();
    for (Iterator<Map.Entry<Path, Seen>> it = files.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Path, Seen> e = it.next();
      ImportScan.Candidate now = stat(e.getKey());
      if (now == null) {
        it.remove();
      } else if (!now.equals(e.getValue().file())) {
        e.setValue(new Seen(now, nowNanos));
      } else if (nowNanos - e.getValue().sinceNanos() >= settleNanos) {
        it.remove();
        ready.add(now);
      }
    }
    return ready;
  }

  /** The file's size and modification time now, or null when it is gone or not a regular file. */
  static ImportScan.Candidate stat(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.isRegularFile() ? new ImportScan.Candidate(path, a.size(), a.lastModifiedTime().toMillis()) : null;
    } catch (IOException e) {
      return null;
    }
  }
}
