package dev.lightbox.server.cache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The server's one cache policy: entries bounded by a total weight (a count of entries, or bytes), each
 * optionally expiring a time to live after it was put, evicted by CLOCK (second chance) when a put goes
 * over the bound. An expired entry is never returned and is the first to go. Lookups take no lock; puts,
 * removals and eviction take one. A capacity of 0 keeps nothing.
 */
public final class BoundedCache<K, V> {
  private static final class Entry<K, V> {
    final K key;
    final V value;
    final long weight;
    final long expiresAtNanos;
    volatile boolean used;
    boolean removed; // guarded by the cache

    Entry(K key, V value, long weight, long expiresAtNanos) {
      this.key = key;
      this.value = value;
      this.weight = weight;
      this.expiresAtNanos = expiresAtNanos;
    }
  }

  private final ConcurrentHashMap<K, Entry<K, V>> map = new ConcurrentHashMap<>();
  private final ArrayDeque<Entry<K, V>> clock = new ArrayDeque<>(); // guarded by this
  private long used; // guarded by this
  private final long capacity;
  private final ToLongFunction<? super V> weigher;
  private final long ttlNanos;
  private final LongSupplier nanoTicker;

  /**
   * @param capacity the most the entries may weigh in total
   * @param weigher an entry's weight (at least 0)
   * @param ttl how long an entry lives after its put, or null to keep it until it is evicted
   * @param nanoTicker the time in nanoseconds (a test clock, or {@code System::nanoTime})
   */
  public BoundedCache(long capacity, ToLongFunction<? super V> weigher, Duration ttl, LongSupplier nanoTicker) {
    if (capacity < 0) {
      throw new IllegalArgumentException("a cache's capacity must not be negative");
    }
    this.capacity = capacity;
    this.weigher = weigher;
    this.ttlNanos = ttl == null ? 0 : Math.max(1, ttl.toNanos());
    this.nanoTicker = nanoTicker;
  }

  /** At most {@code maxEntries} entries, each kept until it is evicted. */
  public static <K, V> BoundedCache<K, V> entries(int maxEntries) {
    return new BoundedCache<>(maxEntries, v -> 1, null, System::nanoTime);
  }

  /** At most {@code maxEntries} entries, each living {@code ttl}. */
  public static <K, V> BoundedCache<K, V> entries(int maxEntries, Duration ttl) {
    return new BoundedCache<>(maxEntries, v -> 1, ttl, System::nanoTime);
  }

  /** The value if present and not expired, else null. */
  public V get(K key) {
    Entry<K, V> e = map.get(key);
    if (e == null || ttlNanos != 0 && nanoTicker.getAsLong() - e.expiresAtNanos >= 0) {
      return null;
    }
    if (!e.used) {
      e.used = true;
    }
    return e.value;
  }

  /** The value, or the loader's, which is kept unless it is null (then the key is forgotten). */
  public V get(K key, Function<? super K, ? extends V> loader) {
    V value = get(key);
    if (value != null) {
      return value;
    }
    value = loader.apply(key);
    if (value != null) {
      put(key, value);
    } else {
      invalidate(key);
    }
    return value;
  }

  /** Keeps the value (replacing any), then evicts until the bound holds; a value heavier than the bound is not kept. */
  public void put(K key, V value) {
    long weight = weigher.applyAsLong(value);
    if (weight > capacity) {
      return;
    }
    Entry<K, V> entry = new Entry<>(key, value, weight, ttlNanos == 0 ? 0 : nanoTicker.getAsLong() + ttlNanos);
    synchronized (this) {
      forget(map.put(key, entry));
      clock.addLast(entry);
      used += weight;
      while (used > capacity) {
        evictOne();
      }
      if (clock.size() > 2 * map.size() + 64) {
        clock.removeIf(e -> e.removed); // replaced and invalidated entries the hand has not reached yet
      }
    }
  }

  private void evictOne() {
    Entry<K, V> oldest = clock.pollFirst();
    if (oldest.removed) {
      return;
    }
    boolean expired = ttlNanos != 0 && nanoTicker.getAsLong() - oldest.expiresAtNanos >= 0;
    if (oldest.used && !expired) {
      oldest.used = false; // a second chance: go round once more
      clock.addLast(oldest);
    } else {
      map.remove(oldest.key, oldest);
      forget(oldest);
    }
  }

  private void forget(Entry<K, V> e) { // holding the lock
    if (e != null && !e.removed) {
      e.removed = true;
      used -= e.weight;
    }
  }

  public synchronized void invalidate(K key) {
    forget(map.remove(key));
  }

  public synchronized void clear() {
    map.clear();
    clock.clear();
    used = 0;
  }

  /** The total weight held; never more than the capacity. */
  public synchronized long weight() {
    return used;
  }

  /** The number of entries held, expired ones included until they are evicted. */
  public int size() {
    return map.size();
  }
}
