package dev.lightbox.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The import's local state: path, size and modification time to SHA-256, so an unchanged file is not read again
 * on the next run. One line per file ({@code sha256 TAB size TAB mtime-millis TAB absolute path}); a file whose
 * size or time changed is hashed again. Saved by writing a temp file and renaming it over the old one, so a
 * killed run leaves the old state or the new one, never half of one. A damaged line is ignored.
 */
final class HashCache {
  private record Entry(long size, long modifiedMillis, String sha256) {
  }

  private final Path file;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private HashCache(Path file) {
    this.file = file;
  }

  /** The default place: {@code $XDG_CACHE_HOME/lightbox/import-state.tsv} or {@code ~/.cache/lightbox/...}. */
  static Path defaultFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("lightbox").resolve("import-state.tsv");
  }

  static HashCache load(Path file) {
    HashCache cache = new HashCache(file);
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length == 4 && f[0].length() == 64) {
          try {
            cache.entries.put(f[3], new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), f[0]));
          } catch (NumberFormatException ignored) {
            // a damaged line: that file is hashed again
          }
        }
      }
    } catch (NoSuchFileException e) {
      // the first run
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the import state " + file + " (" + e.getMessage()
          + "); delete it or pass another --state FILE", e);
    }
    return cache;
  }

  /** The remembered SHA-256 when the file's size and time are still the ones it was hashed at, else null. */
  String sha256(ImportScan.Candidate c) {
    Entry e = entries.get(c.path().toString());
    return e != null && e.size() == c.size() && e.modifiedMillis() == c.modifiedMillis() ? e.sha256() : null;
  }

  void remember(ImportScan.Candidate c, String sha256) {
    String key = c.path().toString();
    if (key.indexOf('\n') < 0 && key.indexOf('\r') < 0) { // such names are just hashed every time
      entries.put(key, new Entry(c.size(), c.modifiedMillis(), sha256));
    }
  }

  void save() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder();
    entries.forEach((path, e) -> sb.append(e.sha256()).append('\t').append(e.size()).append('\t')
        .append(e.modifiedMillis()).append('\t').append(path).append('\n'));
    Path temp = Files.createTempFile(dir, ".import-state-", ".tmp");
    try {
      Files.writeString(temp, sb, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Drops what is remembered of {@code path} ({@code lightbox watch}: the file was deleted after its upload). */
  void forget(Path path) {
    entries.remove(path.toString());
  }

  /**
   * Drops every entry whose path (as {@code Path.toString()} spells it) fails {@code keep} ({@code lightbox
   * watch}: files no longer in the folders).
   */
  void retain(java.util.function.Predicate<String> keep) {
    entries.keySet().removeIf(k -> !keep.test(k));
  }

  int size() {
    return entries.size();
  }
}
