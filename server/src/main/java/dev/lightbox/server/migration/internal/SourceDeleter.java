package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.DeleteManyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Deletes source objects once their switch is committed and a grace period has passed (so readers holding
 * the old location finish), and only when the catalog no longer points at them.
 */
final class SourceDeleter implements AutoCloseable {
  private static final int GROUP = 500;

  private final LibraryStorage storage;
  private final ObjectRepository catalog;
  private final JournalWriter writer;
  private final long graceMillis;
  private final Consumer<String> problems;
  private final DelayQueue<Due> queue = new DelayQueue<>();
  private final AtomicLong outstanding = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong notDeleted = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;

  SourceDeleter(LibraryStorage storage, ObjectRepository catalog, JournalWriter writer, Duration grace,
      Consumer<String> problems) {
    this.storage = storage;
    this.catalog = catalog;
    this.writer = writer;
    this.graceMillis = grace.toMillis();
    this.problems = problems;
    this.thread = Thread.ofVirtual().name("lightbox-migrate-delete").start(this::loop);
  }

  void schedule(ItemRow item, long switchedAtMillis) {
    outstanding.incrementAndGet();
    queue.add(new Due(item, switchedAtMillis + graceMillis));
  }

  /** When the last scheduled source becomes deletable (epoch millis), or 0 when none waits. */
  long lastDue() {
    return queue.stream().mapToLong(Due::dueAt).max().orElse(0);
  }

  long deleted() {
    return deleted.get();
  }

  /** Sources that could not be deleted in this run (they stay on record as switched). */
  long notDeleted() {
    return notDeleted.get();
  }

  /** Waits until every scheduled source is handled, or {@code stop} says to give up. */
  void drain(java.util.function.BooleanSupplier stop) throws InterruptedException {
    while (outstanding.get() > 0 && !stop.getAsBoolean()) {
      Thread.sleep(20);
    }
  }

  private void loop() {
    List<Due> group = new ArrayList<>();
    while (!stopped) {
      try {
        Due first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, GROUP - 1);
        deleteGroup(group);
      } catch (InterruptedException e) {
        return;
      } finally {
        outstanding.addAndGet(-group.size());
        group.clear();
      }
    }
  }

  private void deleteGroup(List<Due> group) {
    List<ItemRow> items = group.stream().map(Due::item).toList();
    Map<String, StoredObject> current;
    try {
      current = catalog.find(ItemRow.assetIds(items));
    } catch (RuntimeException e) {
      notDeleted.addAndGet(items.size());
      problems.accept("could not read the catalog before deleting sources: " + e.getMessage());
      return;
    }
    Map<StorageBackend, List<ItemRow>> byBackend = new EnumMap<>(StorageBackend.class);
    for (ItemRow item : items) {
      StoredObject now = current.get(item.ref());
      if (now != null && now.location().equals(item.source())) {
        // Never delete what the catalog points at (someone moved the object back meanwhile).
        writer.record(item, ItemRow.DONE, "source kept: the catalog points at it again", null, false);
        continue;
      }
      byBackend.computeIfAbsent(item.source().backend(), b -> new ArrayList<>()).add(item);
    }
    byBackend.forEach((backend, list) -> {
      Set<BlobKey> failed = new HashSet<>();
      try {
        DeleteManyResult result = storage.store(backend).deleteMany(list.stream().map(i -> i.source().key()).toList());
        result.failures().forEach(f -> failed.add(f.key()));
        if (!result.failures().isEmpty()) {
          problems.accept("could not delete " + result.failures().size() + " source objects, e.g. "
              + result.failures().getFirst().key().value() + ": " + result.failures().getFirst().message());
        }
      } catch (RuntimeException e) {
        list.forEach(i -> failed.add(i.source().key()));
        problems.accept("could not delete source objects in " + backend.id() + ": " + e.getMessage());
      }
      for (ItemRow item : list) {
        if (failed.contains(item.source().key())) {
          notDeleted.incrementAndGet();
        } else {
          deleted.incrementAndGet();
          writer.record(item, ItemRow.DONE, null, null, true);
        }
      }
    });
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Due(ItemRow item, long dueAt) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueAt - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueAt, ((Due) o).dueAt);
    }
  }
}
