package dev.lightbox.server.internal.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A small map whose entries expire, for hot lookups (sessions, API keys, assets) with explicit invalidation. */
public final class TtlCache<K, V> {
  private record Entry<V>(V value, long expiresAtNanos) {
  }

  private final ConcurrentHashMap<K, Entry<V>> map = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;

  public TtlCache(long ttlMillis, int maxEntries) {
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.maxEntries = maxEntries;
  }

  /** The cached value, or the loader's (cached unless null). */
  public V get(K key, Function<K, V> loader) {
    long now = System.nanoTime();
    Entry<V> e = map.get(key);
    if (e != null && now - e.expiresAtNanos < 0) {
      return e.value;
    }
    V value = loader.apply(key);
    if (value != null) {
      if (map.size() >= maxEntries) {
        map.clear();
      }
      map.put(key, new Entry<>(value, now + ttlNanos));
    } else {
      map.remove(key);
    }
    return value;
  }

  /** The cached value if present and fresh, without loading. */
  public V peek(K key) {
    Entry<V> e = map.get(key);
    return e != null && System.nanoTime() - e.expiresAtNanos < 0 ? e.value : null;
  }

  public void invalidate(K key) {
    map.remove(key);
  }

  public void clear() {
    map.clear();
  }
}
