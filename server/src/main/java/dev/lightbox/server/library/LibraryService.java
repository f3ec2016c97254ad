package dev.lightbox.server.library;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.accounts.UserRepository;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.ingest.UploadSpooler;
import dev.lightbox.server.library.internal.Cataloguer;
import dev.lightbox.server.library.internal.DiskWatcher;
import dev.lightbox.server.library.internal.LibrarySource;
import dev.lightbox.server.library.internal.Scan;
import dev.lightbox.server.library.internal.ScanProgress;
import dev.lightbox.server.media.MediaEngine;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libraries in place of this server: registering (the folder or bucket is checked first), scanning in one
 * background worker (one library at a time; a rescan asked for while one runs is queued once), rescans every
 * {@code rescanInterval} and, for disk libraries, soon after the file-system watch sees a change; removing
 * (catalog rows and renditions only, never the library's files). Also hands {@link LibraryStorage} the
 * read-only store of each library, so their originals are served from where they are.
 */
public final class LibraryService implements LibraryStorage.LibraryReaders, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryService.class);
  private static final Duration WATCH_DEBOUNCE = Duration.ofSeconds(2);

  private final LibraryRepository repository;
  private final AssetRepository assets;
  private final UserRepository users;
  private final Cataloguer cataloguer;
  private final Scan scan;
  private final Path dataDir;
  private final Duration rescanInterval;
  private final boolean watch;
  private final Clock clock;
  private final Map<String, Opened> opened = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().daemon().name("lightbox-library-scan").factory());
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("lightbox-library-timer").factory());

  /** What a registration asks for: a folder ({@code path}) or a bucket prefix ({@code s3}). */
  public record Registration(String name, Library.Kind kind, String path, Library.S3Source s3, String ownerEmail) {
  }

  /** A library with its scanning state: {@code idle}, {@code queued} or {@code scanning}. */
  public record Status(Library library, String ownerEmail, String state, ScanProgress current, Instant lastScanAt,
      String lastScanJson, Map<String, Long> files) {
  }

  private static final class Opened {
    final Library library;
    final LibrarySource source;
    final ReentrantLock scanning = new ReentrantLock();
    volatile DiskWatcher watcher;
    volatile boolean queued;
    volatile boolean debouncing;
    volatile boolean removed;
    volatile ScanProgress current;
    volatile Instant lastScanAt;

    Opened(Library library, LibrarySource source) {
      this.library = library;
      this.source = source;
    }
  }

  public LibraryService(Jdbi jdbi, AssetRepository assets, LibraryStorage storage, MediaEngine media,
      UploadSpooler spooler, Path dataDir, Duration rescanInterval, boolean watch, Clock clock) {
    this.repository = new LibraryRepository(jdbi);
    this.assets = assets;
    this.users = new UserRepository(jdbi);
    this.cataloguer = new Cataloguer(assets, repository, storage, media, spooler);
    this.scan = new Scan(repository, assets, cataloguer);
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.rescanInterval = rescanInterval;
    this.watch = watch;
    this.clock = clock;
    storage.libraries(this);
  }

  /** Opens every registered library and queues a scan of each (changes made while the server was down). */
  public void start() {
    for (Library library : repository.list()) {
      try {
        open(library);
        enqueue(library.id());
      } catch (RuntimeException e) {
        LOG.error("library {} ({}) cannot be opened: {}; fix it or remove the library", library.name(),
            library.where(), e.getMessage());
      }
    }
    if (!rescanInterval.isZero()) {
      timer.scheduleWithFixedDelay(() -> opened.keySet().forEach(this::enqueue), rescanInterval.toMillis(),
          rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public Status register(Registration r, User admin) {
    String ownerId = admin.id();
    if (r.ownerEmail() != null) {
      ownerId = users.findByEmail(r.ownerEmail()).map(User::id).orElseThrow(() -> ServerException.badRequest(
          "there is no user " + r.ownerEmail() + "; create the user first or leave ownerEmail out"));
    }
    Library library;
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    if (r.kind() == Library.Kind.DISK) {
      Path root = Path.of(r.path());
      if (!root.isAbsolute()) {
        throw ServerException.badRequest("'path' must be an absolute path on the server, such as /srv/photos");
      }
      root = root.normalize();
      if (root.startsWith(dataDir) || dataDir.startsWith(root)) {
        throw ServerException.badRequest("the folder " + root + " overlaps the server's data dir; a library must be"
            + " a folder of its own");
      }
      library = new Library(id, nameOr(r.name(), root.toString()), Library.Kind.DISK, ownerId, root.toString(), null,
          now);
    } else {
      library = new Library(id, nameOr(r.name(), "s3://" + r.s3().bucket() + "/" + (r.s3().prefix() == null ? ""
          : r.s3().prefix())), Library.Kind.S3, ownerId, null, r.s3(), now);
    }
    for (Library other : repository.list()) {
      if (other.where().equals(library.where())) {
        throw new ServerException(Kind.CONFLICT, library.where() + " is already the library '" + other.name()
            + "' (" + other.id() + ")");
      }
    }
    LibrarySource source = LibrarySource.open(library);
    try {
      source.check();
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    repository.insert(library);
    Opened o = new Opened(library, source);
    opened.put(id, o);
    startWatching(o);
    enqueue(id);
    return status(o);
  }

  private static String nameOr(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name.strip();
  }

  public List<Status> list() {
    List<Status> out = new ArrayList<>();
    for (Library library : repository.list()) {
      Opened o = opened.get(library.id());
      out.add(o != null ? status(o) : new Status(library, email(library.ownerId()), "unavailable", null, null,
          repository.lastScan(library.id()), repository.countByState(library.id())));
    }
    return out;
  }

  public Status get(String id) {
    Opened o = opened.get(id);
    if (o == null) {
      Library library = repository.find(id).orElseThrow(() -> ServerException.notFound("library " + id));
      return new Status(library, email(library.ownerId()), "unavailable", null, null, repository.lastScan(id),
          repository.countByState(id));
    }
    return status(o);
  }

  /** Queues a scan now (once, even when asked again before it starts). */
  public Status rescan(String id) {
    Opened o = opened.get(id);
    if (o == null) {
      throw ServerException.notFound("library " + id);
    }
    enqueue(id);
    return status(o);
  }

  /** Stops its scanning, then removes its catalog rows, the assets that live only in it and their renditions. */
  public void remove(String id) {
    Opened o = opened.get(id);
    if (o == null) { // registered, but it could not be opened at start-up
      repository.find(id).orElseThrow(() -> ServerException.notFound("library " + id));
      removeRows(id);
      return;
    }
    o.removed = true;
    if (o.watcher != null) {
      o.watcher.close();
    }
    o.scanning.lock(); // a running scan stops at its next file
    try {
      removeRows(id);
      opened.remove(id);
      o.source.close();
    } finally {
      o.scanning.unlock();
    }
  }

  private void removeRows(String id) {
    for (String assetId : repository.ownedAssetIds(id)) {
      assets.findById(assetId).ifPresent(cataloguer::removeAsset);
    }
    repository.delete(id);
  }

  @Override
  public BlobStore reader(String libraryId) {
    Opened o = opened.get(libraryId);
    return o == null ? null : o.source.reader();
  }

  private void open(Library library) {
    Opened o = new Opened(library, LibrarySource.open(library));
    o.lastScanAt = null;
    opened.put(library.id(), o);
    startWatching(o);
  }

  private void startWatching(Opened o) {
    if (watch && o.source instanceof LibrarySource.Disk disk) {
      o.watcher = DiskWatcher.start(disk.root(), () -> debounce(o));
    }
  }

  private void debounce(Opened o) {
    synchronized (o) {
      if (o.debouncing || o.removed) {
        return;
      }
      o.debouncing = true;
    }
    timer.schedule(() -> {
      o.debouncing = false;
      enqueue(o.library.id());
    }, WATCH_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void enqueue(String id) {
    Opened o = opened.get(id);
    if (o == null) {
      return;
    }
    synchronized (o) {
      if (o.queued || o.removed) {
        return;
      }
      o.queued = true;
    }
    worker.execute(() -> run(o));
  }

  private void run(Opened o) {
    synchronized (o) {
      o.queued = false;
    }
    if (o.removed || !o.scanning.tryLock()) {
      return;
    }
    ScanProgress progress = new ScanProgress(clock.instant());
    try {
      if (o.removed) {
        return;
      }
      o.current = progress;
      String failure = null;
      try {
        scan.run(o.library, o.source, progress, () -> o.removed || worker.isShutdown());
      } catch (RuntimeException e) {
        failure = e.getMessage();
        LOG.warn("scanning the library {} ({}) failed: {}", o.library.name(), o.library.where(), e.toString());
      }
      Instant finished = clock.instant();
      progress.finish(finished, failure);
      if (!o.removed) {
        repository.recordScan(o.library.id(), finished, progress.toJson().toString());
        o.lastScanAt = finished;
      }
    } catch (RuntimeException e) {
      LOG.error("recording the scan of library {} failed", o.library.id(), e);
    } finally {
      o.current = null;
      o.scanning.unlock();
    }
  }

  private Status status(Opened o) {
    ScanProgress current = o.current;
    String state = current != null ? "scanning" : o.queued ? "queued" : "idle";
    return new Status(o.library, email(o.library.ownerId()), state, current, o.lastScanAt,
        repository.lastScan(o.library.id()), repository.countByState(o.library.id()));
  }

  private String email(String userId) {
    return users.findById(userId).map(User::email).orElse(null);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
    opened.values().forEach(o -> {
      if (o.watcher != null) {
        o.watcher.close();
      }
    });
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    opened.values().forEach(o -> o.source.close());
  }
}
