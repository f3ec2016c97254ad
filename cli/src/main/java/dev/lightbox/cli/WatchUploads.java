package dev.lightbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The network side of {@code lightbox watch}: asks the server in bulk which queued files it has, uploads the
 * others one at a time and takes a file off the queue only once the server confirmed its SHA-256. When the
 * server cannot be reached (or answers 429/502/503/504) nothing is lost: the queue stays and the next try waits
 * twice as long as the last, up to the maximum delay. With {@code deleteAfterUpload} a confirmed file is deleted
 * if it still has the size, time and SHA-256 it was confirmed with.
 */
final class WatchUploads {
  /** The server refused the key or does not know the check: trying again cannot help. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private record Retry(int attempts, long atNanos) {
  }

  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

  private final ImportClient client;
  private final WatchQueue queue;
  private final HashCache confirmed;
  private final boolean deleteAfterUpload;
  private final Duration maxDelay;
  private final WatchLog log;
  private final Consumer<ImportScan.Candidate> changed;
  private final Consumer<ImportScan.Candidate> refused;
  private final Map<Path, Retry> retries = new HashMap<>();
  private final Set<Path> missing = new HashSet<>();
  private final Set<ImportScan.Candidate> undeletable = new HashSet<>();
  private Duration serverDelay;
  private long serverRetryAt;
  private long downSince;
  long uploaded;
  long uploadedBytes;
  long alreadyThere;
  long deleted;
  long failed;
  /** Grows with every change of {@code confirmed}, so that it is saved only when it changed. */
  long confirmedChanges;

  /**
   * {@code changed} gets a file that changed after it was hashed (it settles again); {@code refused} one the
   * server will not take as it is (not tried again until it changes).
   */
  WatchUploads(ImportClient client, WatchQueue queue, HashCache confirmed, boolean deleteAfterUpload,
      Duration maxDelay, WatchLog log, Consumer<ImportScan.Candidate> changed,
      Consumer<ImportScan.Candidate> refused) {
    this.client = client;
    this.queue = queue;
    this.confirmed = confirmed;
    this.deleteAfterUpload = deleteAfterUpload;
    this.maxDelay = maxDelay;
    this.log = log;
    this.changed = changed;
    this.refused = refused;
  }

  boolean serverDown() {
    return downSince != 0;
  }

  /** Whether a confirmed file could not be deleted (it is then left alone until it changes). */
  boolean undeletable(ImportScan.Candidate file) {
    return undeletable.contains(file);
  }

  /**
   * Works through the queued files that are due (all of them when {@code ignoreDelays}); returns early when the
   * server is unreachable or {@code stop} says so.
   */
  void process(boolean ignoreDelays, BooleanSupplier stop) throws InterruptedException, Refused {
    long now = System.nanoTime();
    if (!ignoreDelays && downSince != 0 && now - serverRetryAt < 0) {
      return;
    }
    List<WatchQueue.Item> due = new ArrayList<>();
    for (WatchQueue.Item i : queue.items()) {
      Retry r = retries.get(i.path());
      if (ignoreDelays || r == null || now - r.atNanos() >= 0) {
        due.add(i);
      }
    }
    List<WatchQueue.Item> unchecked = due.stream().filter(i -> !missing.contains(i.path())).toList();
    if (!unchecked.isEmpty()) {
      Set<String> present;
      try {
        present = client.present(unchecked.stream().map(WatchQueue.Item::sha256).toList());
      } catch (ImportClient.RequestFailed f) {
        if (f.status == 401 || f.status == 403 || f.status == 404) {
          throw new Refused(f.getMessage());
        }
        down(f.getMessage(), queue.size());
        return;
      }
      up();
      for (WatchQueue.Item i : unchecked) {
        if (present.contains(i.sha256())) {
          confirm(i, false);
        } else {
          missing.add(i.path());
        }
      }
    }
    for (WatchQueue.Item i : due) {
      if (stop.getAsBoolean() || downSince != 0) {
        return;
      }
      if (queue.get(i.path()) == i) {
        upload(i);
      }
    }
  }

  private void upload(WatchQueue.Item i) throws InterruptedException, Refused {
    ImportScan.Candidate now = WatchSettling.stat(i.path());
    if (now == null) {
      drop(i);
      log.info("vanished before its upload: " + i.path());
      return;
    }
    if (!now.equals(i.file())) {
      drop(i);
      changed.accept(now);
      return;
    }
    ImportClient.Uploaded answer;
    try {
      answer = client.upload(i.path());
    } catch (ImportClient.RequestFailed f) {
      failedUpload(i, f);
      return;
    }
    up();
    if (!answer.sha256().equals(i.sha256())) {
      drop(i);
      log.problem("changed while it was uploaded: " + i.path() + " (the server stored the bytes it got; the file is"
          + " looked at again when it settles)");
      ImportScan.Candidate after = WatchSettling.stat(i.path());
      if (after != null) {
        changed.accept(after);
      }
      return;
    }
    if (!answer.duplicate()) {
      uploaded++;
      uploadedBytes += i.file().size();
    }
    confirm(i, !answer.duplicate());
  }

  private void failedUpload(WatchQueue.Item i, ImportClient.RequestFailed f) throws Refused {
    if (!Files.exists(i.path())) {
      drop(i);
      log.info("vanished during its upload: " + i.path());
    } else if (f.status == 401 || f.status == 403) {
      throw new Refused(f.getMessage());
    } else if (f.status == 0 || f.status == 429 || f.status == 502 || f.status == 503 || f.status == 504) {
      down(f.getMessage(), queue.size());
    } else if (f.status >= 500) {
      int attempts = retries.containsKey(i.path()) ? retries.get(i.path()).attempts() + 1 : 1;
      Duration delay = delay(attempts);
      retries.put(i.path(), new Retry(attempts, System.nanoTime() + delay.toNanos()));
      failed++;
      log.problem("failed " + i.path() + ": " + f.getMessage() + "; trying again in " + Sizes.seconds(delay));
    } else {
      drop(i);
      failed++;
      refused.accept(i.file());
      log.problem("failed " + i.path() + ": " + f.getMessage() + " (not tried again until the file changes)");
    }
  }

  private void confirm(WatchQueue.Item i, boolean sent) {
    drop(i);
    confirmed.remember(i.file(), i.sha256());
    confirmedChanges++;
    if (sent) {
      log.info("uploaded " + i.path() + " (" + Sizes.bytes(i.file().size()) + ", SHA-256 "
          + i.sha256().substring(0, 12) + ")");
    } else {
      alreadyThere++;
      log.info("already on the server: " + i.path());
    }
    if (deleteAfterUpload) {
      delete(i);
    }
  }

  /** Deletes the confirmed file if it is still byte for byte what the server confirmed. */
  private void delete(WatchQueue.Item i) {
    try {
      if (!i.file().equals(WatchSettling.stat(i.path())) || !ImportRun.sha256(i.path()).equals(i.sha256())
          || !i.file().equals(WatchSettling.stat(i.path()))) {
        log.info("kept " + i.path() + ": it changed after the server confirmed it");
        return;
      }
      Files.delete(i.path());
      confirmed.forget(i.path());
      confirmedChanges++;
      deleted++;
      log.info("deleted " + i.path() + " (the server confirmed SHA-256 " + i.sha256().substring(0, 12) + ")");
    } catch (java.nio.channels.ClosedByInterruptException e) {
      Thread.currentThread().interrupt(); // a stop request: the next start checks it again and deletes it then
    } catch (IOException e) {
      undeletable.add(i.file());
      log.problem("could not delete " + i.path() + " after its upload: " + ImportScan.reason(e)
          + " (it is on the server; left in place)");
    }
  }

  private void drop(WatchQueue.Item i) {
    queue.remove(i.path());
    retries.remove(i.path());
    missing.remove(i.path());
  }

  private void down(String reason, int waiting) {
    serverDelay = serverDelay == null ? FIRST_DELAY : min(serverDelay.multipliedBy(2));
    serverRetryAt = System.nanoTime() + serverDelay.toNanos();
    if (downSince == 0) {
      downSince = System.nanoTime();
    }
    log.problem("cannot reach the server: " + reason + "; " + Sizes.count(waiting) + " files wait in the queue,"
        + " next try in " + Sizes.seconds(serverDelay));
  }

  private void up() {
    if (downSince != 0) {
      log.info("the server answers again (it was unreachable for "
          + Sizes.duration(Duration.ofNanos(System.nanoTime() - downSince)) + ")");
    }
    downSince = 0;
    serverDelay = null;
  }

  private Duration delay(int attempts) {
    return min(FIRST_DELAY.multipliedBy(1L << Math.min(attempts - 1, 20)));
  }

  private Duration min(Duration d) {
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
