package dev.lightbox.server.library.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every folder of a disk library (Java's {@link WatchService}: inotify on Linux) and calls
 * {@code onChange} when a file is created, changed or removed; the caller debounces and rescans. Watching only
 * reads. Where the file system sends no events (network shares) or the watch limit is reached, the periodic
 * rescan still notices every change.
 */
public final class DiskWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiskWatcher.class);
  private final Path root;
  private final Runnable onChange;
  private final WatchService service;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Thread thread;

  private DiskWatcher(Path root, Runnable onChange, WatchService service) {
    this.root = root;
    this.onChange = onChange;
    this.service = service;
    this.thread = Thread.ofPlatform().daemon().name("lightbox-library-watch").unstarted(this::loop);
  }

  /** Starts watching {@code root} and its folders; null when watching is not possible here (then rescans only). */
  public static DiskWatcher start(Path root, Runnable onChange) {
    try {
      DiskWatcher w = new DiskWatcher(root, onChange, FileSystems.getDefault().newWatchService());
      w.registerTree(root);
      w.thread.start();
      return w;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot watch the library folder {} ({}); periodic rescans will notice its changes", root,
          e.getMessage());
      return null;
    }
  }

  private void registerTree(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (!d.equals(root) && d.getFileName().toString().startsWith(".")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        keys.put(d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY), d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Path dir = keys.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        if (dir != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
            && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
          try {
            registerTree(dir.resolve(name));
          } catch (IOException | RuntimeException e) {
            LOG.debug("cannot watch the new folder {}", dir.resolve(name), e);
          }
        }
      }
      if (!key.reset()) {
        keys.remove(key);
      }
      try {
        onChange.run();
      } catch (RuntimeException e) {
        LOG.warn("reacting to a change in {} failed", root, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException ignored) {
      // closing releases the watches either way
    }
    thread.interrupt();
  }
}
