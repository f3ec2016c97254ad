package dev.lightbox.storage.testkit.memory;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every stream a store handed out and nobody closed yet, with where it was opened, so that a leak names
 * its key and the code that opened it.
 */
final class OpenStreams {
  private static final int FRAMES_SHOWN = 12;

  private final String store;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Opened> open = new ConcurrentHashMap<>();

  OpenStreams(String store) {
    this.store = store;
  }

  /** Where and why one stream was opened; the throwable is never thrown, it only carries the stack. */
  record Opened(String operation, String key, Throwable openedAt) {
  }

  /** A stream over {@code bytes[from, from + length)} that leaves this ledger when closed. */
  InputStream open(String operation, String key, byte[] bytes, int from, int length) {
    long id = ids.incrementAndGet();
    open.put(id, new Opened(operation, key, new Throwable("opened here")));
    return new Tracked(new ByteArrayInputStream(bytes, from, length), id, key);
  }

  int count() {
    return open.size();
  }

  /**
   * Fails when a stream is still open after waiting up to {@code grace} for one being closed by another
   * thread (a server closes a response's stream just after the client got its last byte).
   */
  void assertNoneOpen(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Opened> leaked = List.copyOf(open.values());
    if (!leaked.isEmpty()) {
      throw new LeakedStreamError(report(leaked), leaked.getFirst().openedAt());
    }
  }

  /** Forgets every open stream, so a store reports its leaks once. */
  void clear() {
    open.clear();
  }

  private String report(List<Opened> leaked) {
    String keys = leaked.stream().map(o -> "'" + o.key() + "'").distinct().collect(Collectors.joining(", "));
    StringBuilder sb = new StringBuilder()
        .append(leaked.size()).append(leaked.size() == 1 ? " BlobStream" : " BlobStreams")
        .append(" from ").append(store).append(" never closed (keys ").append(keys)
        .append("). Close every stream from get/getRange, e.g. with try-with-resources:");
    for (Opened o : leaked) {
      sb.append("\n  ").append(o.operation()).append(" '").append(o.key()).append("' opened at");
      Arrays.stream(o.openedAt().getStackTrace())
          .dropWhile(f -> isStoreInternal(f.getClassName()))
          .limit(FRAMES_SHOWN)
          .forEach(f -> sb.append("\n      at ").append(f));
    }
    return sb.toString();
  }

  private static boolean isStoreInternal(String className) {
    String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
    return outer.equals(OpenStreams.class.getName()) || outer.equals(InMemoryBlobStore.class.getName());
  }

  /** Strict about use after close: a read of a closed stream fails as a file's would. */
  private final class Tracked extends FilterInputStream {
    private final long id;
    private final String key;
    private volatile boolean closed;

    Tracked(InputStream in, long id, String key) {
      super(in);
      this.id = id;
      this.key = key;
    }

    private void ensureOpen() throws IOException {
      if (closed) {
        throw new IOException("read of the stream of '" + key + "' from " + store + " after it was closed");
      }
    }

    @Override
    public int read() throws IOException {
      ensureOpen();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      ensureOpen();
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      ensureOpen();
      return super.skip(n);
    }

    @Override
    public int available() throws IOException {
      ensureOpen();
      return super.available();
    }

    @Override
    public void close() {
      closed = true;
      open.remove(id);
    }
  }
}
