package dev.lightbox.cli;

import dev.lightbox.media.MediaSniffer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One {@code lightbox watch}: finds files (watch events and periodic rescans), lets each settle, hashes it,
 * queues it, and hands the queue to {@link WatchUploads}. Everything runs on the calling thread; a stop request
 * (a signal) interrupts it, and the state is saved on the way out.
 */
final class Watcher {
  /** What the command line asked for. */
  record Options(List<Path> roots, Path stateDir, Duration settle, Duration rescan, Duration maxRetryDelay,
      Duration statusEvery, boolean once, boolean deleteAfterUpload) {
  }

  static final int OK = 0;
  static final int SOME_FAILED = 1;
  static final int STATE_BUSY = 75; // EX_TEMPFAIL

  private final Options options;
  private final ImportClient client;
  private final WatchLog log;
  private final WatchSettling settling;
  private final Map<Path, ImportScan.Candidate> ignored = new HashMap<>();
  private final Set<Path> waitingNoted = new HashSet<>();
  private final Set<Path> missingRoots = new HashSet<>();
  private WatchQueue queue;
  private HashCache confirmed;
  private WatchUploads uploads;
  private Set<Path> seen;
  private long savedChanges;
  private boolean retained;
  private long leftOpen;
  private long unreadable;

  Watcher(Options options, ImportClient client, WatchLog log) {
    this.options = options;
    this.client = client;
    this.log = log;
    this.settling = new WatchSettling(options.settle().toNanos());
  }

  /** Runs until {@code stop} (or, with {@code once}, until what was there went up); returns the exit code. */
  int run(BooleanSupplier stop) throws IOException {
    Path state = options.stateDir();
    Files.createDirectories(state);
    try (FileChannel lockFile = FileChannel.open(state.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        log.problem("lightbox: another lightbox watch uses the state folder " + state + "; stop it, or give this"
            + " one its own --state DIR");
        return STATE_BUSY;
      }
      queue = WatchQueue.load(state.resolve("queue.tsv"));
      confirmed = HashCache.load(state.resolve("uploaded.tsv"));
      uploads = new WatchUploads(client, queue, confirmed, options.deleteAfterUpload(), options.maxRetryDelay(), log,
          c -> settling.add(c, System.nanoTime()), c -> ignored.put(c.path(), c));
      try (WatchFolders folders = new WatchFolders(options.roots(), state, log::problem)) {
        return loop(folders, stop);
      }
    }
  }

  private int loop(WatchFolders folders, BooleanSupplier stop) {
    long queuedBefore = queue.size();
    log.info("watching " + String.join(", ", folders.roots().stream().map(Path::toString).toList())
        + " (state in " + options.stateDir() + "; files settle for " + Sizes.seconds(options.settle())
        + (options.deleteAfterUpload() ? "; deleting each file once the server confirmed it" : "") + ")");
    int code = OK;
    try {
      rescan(folders);
      if (queuedBefore > 0) {
        log.info(Sizes.count(queuedBefore) + " files are still queued from the last run");
      }
      long now = System.nanoTime();
      long nextRescan = now + options.rescan().toNanos();
      long nextStatus = now + options.statusEvery().toNanos();
      while (!stop.getAsBoolean()) {
        settle();
        boolean settled = settling.isEmpty();
        if (!options.once() || settled) { // --once: one pass over the queue once everything there settled
          uploads.process(options.once(), stop);
        }
        save();
        if (options.once() && settled) {
          return onceResult();
        }
        folders.poll(settling.isEmpty() ? 1_000 : Math.clamp(options.settle().toMillis() / 4, 50, 500),
            this::consider);
        now = System.nanoTime();
        if (!options.once() && (folders.takeOverflow() || now - nextRescan >= 0)) {
          rescan(folders);
          nextRescan = now + options.rescan().toNanos();
        }
        if (now - nextStatus >= 0) {
          log.info("status: " + status(folders));
          nextStatus = now + options.statusEvery().toNanos();
        }
      }
    } catch (InterruptedException e) {
      // a stop request
    } catch (WatchUploads.Refused e) {
      log.problem("lightbox: the server refused: " + e.getMessage() + "; stopping (fix it and start again)");
      code = ErrorHandler.UNAVAILABLE;
    } finally {
      Thread.interrupted(); // the stop request's interrupt must not break the last save
      save();
    }
    log.info("stopped: " + status(folders));
    return code;
  }

  private int onceResult() {
    log.info("done: " + Sizes.count(uploads.uploaded) + " uploaded (" + Sizes.bytes(uploads.uploadedBytes) + "), "
        + Sizes.count(uploads.alreadyThere) + " already on the server, " + Sizes.count(uploads.deleted)
        + " deleted, " + Sizes.count(uploads.failed + unreadable) + " failed, " + Sizes.count(queue.size())
        + " still queued" + (leftOpen > 0 ? ", " + Sizes.count(leftOpen) + " still being written (left for the next run)"
        : ""));
    if (!queue.isEmpty() && uploads.serverDown()) {
      return ErrorHandler.UNAVAILABLE;
    }
    return uploads.failed + unreadable > 0 || !queue.isEmpty() || !missingRoots.isEmpty() ? SOME_FAILED : OK;
  }

  private void rescan(WatchFolders folders) {
    seen = new HashSet<>();
    folders.scan(this::consider, root -> {
      if (missingRoots.add(root)) {
        log.problem(root + " does not exist (yet)" + (options.once() ? "" : "; looking for it at each rescan"));
      }
    });
    missingRoots.removeIf(Files::exists);
    Set<Path> found = seen;
    seen = null;
    Set<String> names = new HashSet<>();
    found.forEach(p -> names.add(p.toString()));
    List<String> roots = folders.roots().stream().map(r -> r.toString().endsWith("/") ? r.toString()
        : r + "/").toList();
    int before = confirmed.size();
    confirmed.retain(k -> names.contains(k) || roots.stream().noneMatch(k::startsWith));
    retained |= confirmed.size() != before;
    ignored.keySet().retainAll(found);
  }

  /** A file found by a scan or an event: settles unless it is queued, done or ignored as it is. */
  private void consider(Path path, BasicFileAttributes attrs) {
    if (seen != null) {
      seen.add(path);
    }
    if (!attrs.isRegularFile() || settling.contains(path)) {
      return;
    }
    ImportScan.Candidate c = new ImportScan.Candidate(path, attrs.size(), attrs.lastModifiedTime().toMillis());
    WatchQueue.Item queued = queue.get(path);
    if (queued != null) {
      if (queued.file().equals(c)) {
        return;
      }
      queue.remove(path); // changed since it was hashed
    }
    if (c.equals(ignored.get(path))) {
      return;
    }
    String sha = confirmed.sha256(c);
    if (sha != null) {
      if (options.deleteAfterUpload() && !uploads.undeletable(c)) {
        queue.add(new WatchQueue.Item(c, sha)); // checked with the server again before it is deleted
      }
      return;
    }
    settling.add(c, System.nanoTime());
  }

  /** Hashes and queues the files that settled and that no process still writes. */
  private void settle() throws InterruptedException {
    List<ImportScan.Candidate> ready = settling.ready(System.nanoTime());
    if (ready.isEmpty()) {
      return;
    }
    Set<Path> busy = OpenForWrite.among(ready.stream().map(ImportScan.Candidate::path).toList());
    long lastSave = System.nanoTime();
    for (ImportScan.Candidate c : ready) {
      if (System.nanoTime() - lastSave > 10_000_000_000L) { // a long backlog: keep what is hashed so far
        save();
        lastSave = System.nanoTime();
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (busy.contains(c.path())) {
        if (options.once()) {
          leftOpen++;
          log.info("left for the next run: " + c.path() + " is still open for writing");
        } else {
          if (waitingNoted.add(c.path())) {
            log.info("waiting for " + c.path() + ": another program still has it open for writing");
          }
          settling.add(c, System.nanoTime());
        }
        continue;
      }
      waitingNoted.remove(c.path());
      hashAndQueue(c);
    }
  }

  private void hashAndQueue(ImportScan.Candidate c) throws InterruptedException {
    try {
      if (c.size() == 0 || MediaSniffer.sniff(c.path()).isEmpty()) {
        ignored.put(c.path(), c); // empty or not media (a workflow .json, a .txt): never uploaded
        return;
      }
      String sha = ImportRun.sha256(c.path());
      ImportScan.Candidate after = WatchSettling.stat(c.path());
      if (after == null) {
        return; // renamed or deleted meanwhile: an event or the rescan brings the new name
      }
      if (!after.equals(c)) {
        settling.add(after, System.nanoTime()); // written to while it was hashed
        return;
      }
      queue.add(new WatchQueue.Item(c, sha));
    } catch (java.nio.channels.ClosedByInterruptException e) {
      throw new InterruptedException(); // a stop request while hashing: the file settles again next time
    } catch (IOException e) {
      if (Files.exists(c.path())) {
        ignored.put(c.path(), c);
        unreadable++;
        log.problem("failed " + c.path() + ": " + ImportScan.reason(e) + " (not tried again until the file changes)");
      }
    }
  }

  private void save() {
    try {
      queue.save();
    } catch (java.nio.channels.ClosedByInterruptException e) {
      return; // a stop request: saved once more on the way out
    } catch (IOException e) {
      log.problem("could not save the queue in " + options.stateDir() + " (" + e.getMessage() + "); trying again");
    }
    if (!retained && savedChanges == uploads.confirmedChanges) {
      return;
    }
    try {
      confirmed.save();
      retained = false;
      savedChanges = uploads.confirmedChanges;
    } catch (java.nio.channels.ClosedByInterruptException e) {
      // a stop request: saved once more on the way out
    } catch (IOException e) {
      log.problem("could not save " + options.stateDir().resolve("uploaded.tsv") + " (" + e.getMessage() + ")");
    }
  }

  private String status(WatchFolders folders) {
    return Sizes.count(folders.folderCount()) + " folders watched; since start " + Sizes.count(uploads.uploaded)
        + " uploaded (" + Sizes.bytes(uploads.uploadedBytes) + "), " + Sizes.count(uploads.alreadyThere)
        + " already on the server, " + Sizes.count(uploads.deleted) + " deleted, "
        + Sizes.count(uploads.failed + unreadable) + " failed; now " + Sizes.count(queue.size()) + " queued, "
        + Sizes.count(settling.size()) + " settling, " + Sizes.count(ignored.size()) + " ignored; server "
        + (uploads.serverDown() ? "unreachable" : "reachable");
  }
}
