package dev.lightbox.server.migration.internal;

import dev.lightbox.server.assets.ObjectRepository;
import dev.lightbox.server.assets.StoredObject;
import dev.lightbox.server.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Writes catalog switches and journal updates from every worker through one thread, many per transaction
 * (group commit): a switch and its journal row always commit together (the catalog's switch joins the group's
 * transaction), and the database sees a few transactions a second instead of one per object.
 */
public final class JournalWriter implements AutoCloseable {
  private static final int MAX_GROUP = 256;

  private final Catalog catalog;
  private final Consumer<RuntimeException> onError;
  private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  public JournalWriter(Catalog catalog, Consumer<RuntimeException> onError) {
    this.catalog = catalog;
    this.onError = onError;
    this.thread = Thread.ofPlatform().daemon().name("lightbox-migrate-journal").start(this::loop);
  }

  /**
   * Switches the object to the item's target if the row is unchanged, and records {@code stateAfter} for the
   * item in the same transaction. Completes with false when the row changed (nothing written).
   */
  public CompletableFuture<Boolean> switchObject(ItemRow item, StoredObject current, boolean copied,
      String stateAfter) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    queue.add(new SwitchOp(item, current, copied, stateAfter, result));
    return result;
  }

  /** Records an item's new state; written with the next group, failures reported to the error handler. */
  public void record(ItemRow item, String state, String error, Boolean copied, Boolean sourceDeleted) {
    queue.add(new StateOp(item, state, error, copied, sourceDeleted));
  }

  /** Waits until everything queued so far is committed (or failed). */
  public void flush() {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    queue.add(new FlushOp(done));
    done.join();
  }

  private void loop() {
    List<Op> group = new ArrayList<>();
    while (!closing || !queue.isEmpty()) {
      try {
        Op first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Op> group) {
    List<Boolean> results = new ArrayList<>(group.size());
    try {
      catalog.useTransaction(h -> {
        results.clear();
        ObjectRepository objects = catalog.objects().on(h);
        for (Op op : group) {
          results.add(apply(h, objects, op));
        }
      });
    } catch (RuntimeException e) {
      for (Op op : group) {
        if (op instanceof SwitchOp s) {
          s.result().completeExceptionally(e);
        } else if (op instanceof FlushOp f) {
          f.done().complete(false);
        }
      }
      if (group.stream().anyMatch(op -> op instanceof StateOp)) {
        onError.accept(e);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      if (group.get(i) instanceof SwitchOp s) {
        s.result().complete(results.get(i));
      } else if (group.get(i) instanceof FlushOp f) {
        f.done().complete(true);
      }
    }
  }

  /** Applies one op in the group's transaction; a refused switch undoes only itself and writes no journal row. */
  private static boolean apply(Handle h, ObjectRepository objects, Op op) {
    long now = System.currentTimeMillis();
    return switch (op) {
      case SwitchOp s -> {
        boolean ok = objects.switchLocation(s.item().assetId(), s.item().kind(), s.current().version(),
            s.item().source(), s.item().target());
        if (ok) {
          JournalItems.recordSwitch(h, s.item(), s.stateAfter(), s.copied(), now);
        }
        yield ok;
      }
      case StateOp s -> {
        JournalItems.recordState(h, s.item(), s.state(), s.error(), s.copied(), s.sourceDeleted(), now);
        yield true;
      }
      case FlushOp f -> true;
    };
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private sealed interface Op permits SwitchOp, StateOp, FlushOp {
  }

  private record SwitchOp(ItemRow item, StoredObject current, boolean copied, String stateAfter,
      CompletableFuture<Boolean> result) implements Op {
  }

  private record StateOp(ItemRow item, String state, String error, Boolean copied, Boolean sourceDeleted)
      implements Op {
  }

  private record FlushOp(CompletableFuture<Boolean> done) implements Op {
  }
}
