package dev.lightbox.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The folders {@code lightbox watch} follows: every folder under the roots is registered with a {@link WatchService}
 * (new subfolders as they appear), and {@link #scan} walks them all again, since a watch service can miss events
 * (overflow, network file systems, a folder created and filled before it was registered). Files are reported by
 * name only when the name is not a temporary or hidden one ({@link #ignoredName}).
 */
final class WatchFolders implements AutoCloseable {
  /** Names generators and copy tools use while a file is still being written; the final name comes later. */
  private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".temp", ".part", ".partial",
      ".crdownload", ".download", ".swp", ".lock", "~");

  private final List<Path> roots;
  private final Path exclude;
  private final WatchService service;
  private final Map<WatchKey, Path> keys = new HashMap<>();
  private final Map<Path, WatchKey> registered = new HashMap<>();
  private final Consumer<String> note;
  private boolean overflowed;
  private boolean registerFailedNoted;

  /** {@code exclude} (the state folder) is never reported, even when it lies under a root. */
  WatchFolders(List<Path> roots, Path exclude, Consumer<String> note) throws IOException {
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.exclude = exclude.toAbsolutePath().normalize();
    this.note = note;
    this.service = FileSystems.getDefault().newWatchService();
  }

  List<Path> roots() {
    return roots;
  }

  int folderCount() {
    return registered.size();
  }

  /** True for dotfiles ({@code .~lock}, {@code .x.png}) and temporary names ({@code *.tmp}, {@code *.part}...). */
  static boolean ignoredName(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      return false;
    }
    String n = name.toString().toLowerCase(Locale.ROOT);
    return n.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(n::endsWith);
  }

  /** Walks every root (registering folders not yet watched) and hands each file to {@code file}. */
  void scan(BiConsumer<Path, BasicFileAttributes> file, Consumer<Path> missingRoot) {
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        if (Files.isRegularFile(root)) {
          try {
            file.accept(root, Files.readAttributes(root, BasicFileAttributes.class));
          } catch (IOException e) {
            missingRoot.accept(root);
          }
        } else {
          missingRoot.accept(root);
        }
        continue;
      }
      walk(root, file);
    }
  }

  /**
   * Waits up to {@code millis} for events and hands the files they name to {@code file}; a new folder is
   * registered and walked. An overflow is remembered for {@link #takeOverflow}.
   */
  void poll(long millis, BiConsumer<Path, BasicFileAttributes> file) throws InterruptedException {
    WatchKey key;
    try {
      key = service.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
    } catch (ClosedWatchServiceException e) {
      return;
    }
    while (key != null) {
      Path dir = keys.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
          overflowed = true;
        } else if (event.context() instanceof Path name) {
          Path path = dir.resolve(name);
          if (ignoredName(path) || path.equals(exclude)) {
            continue;
          }
          try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
              walk(path, file);
            } else {
              file.accept(path, attrs);
            }
          } catch (IOException gone) {
            // renamed or deleted again already: nothing to do
          }
        }
      }
      if (!key.reset()) {
        keys.remove(key);
        registered.remove(dir);
      }
      key = service.poll();
    }
  }

  /** Whether events were lost since the last call (the caller then rescans). */
  boolean takeOverflow() {
    boolean o = overflowed;
    overflowed = false;
    return o;
  }

  private void walk(Path start, BiConsumer<Path, BasicFileAttributes> file) {
    try {
      Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(start) && (ignoredName(dir) || dir.equals(exclude))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              register(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (!ignoredName(f) && attrs.isRegularFile()) {
                file.accept(f, attrs);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE; // a link loop, a file deleted meanwhile, no permission
            }
          });
    } catch (IOException e) {
      note.accept("cannot read " + start + " (" + ImportScan.reason(e) + "); trying again at the next rescan");
    }
  }

  private void register(Path dir) {
    WatchKey old = registered.get(dir);
    if (old != null && old.isValid()) {
      return;
    }
    try {
      WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY);
      keys.put(key, dir);
      registered.put(dir, key);
    } catch (IOException | ClosedWatchServiceException e) {
      if (!registerFailedNoted) {
        registerFailedNoted = true;
        note.accept("cannot watch " + dir + " for changes (" + e.getMessage() + "); its new files are found by"
            + " the periodic rescan instead (on Linux raise fs.inotify.max_user_watches)");
      }
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
