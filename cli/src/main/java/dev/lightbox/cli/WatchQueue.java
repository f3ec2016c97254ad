package dev.lightbox.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code lightbox watch} has hashed and not yet seen confirmed by the server, kept in
 * {@code queue.tsv} of the state folder so that a restart (or a server that stays down) loses none. One line per
 * file, as in the import state: {@code sha256 TAB size TAB mtime-millis TAB absolute path}. Saved by writing a
 * temp file and renaming it over the old one; a damaged line is dropped (the rescan finds that file again).
 */
final class WatchQueue {
  /** A settled file and the SHA-256 it had when hashed. */
  record Item(ImportScan.Candidate file, String sha256) {
    Path path() {
      return file.path();
    }
  }

  private final Path file;
  private final Map<Path, Item> items = new LinkedHashMap<>();
  private boolean dirty;

  private WatchQueue(Path file) {
    this.file = file;
  }

  static WatchQueue load(Path file) {
    WatchQueue queue = new WatchQueue(file);
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length == 4 && f[0].length() == 64) {
          try {
            Path path = Path.of(f[3]);
            queue.items.put(path, new Item(new ImportScan.Candidate(path, Long.parseLong(f[1]),
                Long.parseLong(f[2])), f[0]));
          } catch (RuntimeException damaged) {
            // found again by the rescan
          }
        }
      }
    } catch (NoSuchFileException e) {
      // nothing queued yet
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the watch queue " + file + " (" + e.getMessage()
          + "); delete it (the folders are scanned again) or pass another --state DIR", e);
    }
    return queue;
  }

  Item get(Path path) {
    return items.get(path);
  }

  void add(Item item) {
    String name = item.path().toString();
    if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      items.put(item.path(), item); // kept in memory only: such a name cannot be a line
      return;
    }
    items.put(item.path(), item);
    dirty = true;
  }

  void remove(Path path) {
    if (items.remove(path) != null) {
      dirty = true;
    }
  }

  List<Item> items() {
    return new ArrayList<>(items.values());
  }

  int size() {
    return items.size();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Writes the queue if it changed since the last save. */
  void save() throws IOException {
    if (!dirty) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder();
    for (Item i : items.values()) {
      String name = i.path().toString();
      if (name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
        sb.append(i.sha256()).append('\t').append(i.file().size()).append('\t').append(i.file().modifiedMillis())
            .append('\t').append(name).append('\n');
      }
    }
    Path temp = Files.createTempFile(dir, ".queue-", ".tmp");
    try {
      Files.writeString(temp, sb, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      dirty = false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
