package dev.lightbox.server.storage;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.storage.internal.Sha256;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes of small objects, kept in memory for serving, bounded by a total number of bytes (a
 * {@link BoundedCache} weighing each entry by its bytes). An entry is keyed by the object's location and
 * its catalog SHA-256, and is stored only after its bytes were hashed and found to match: a replaced object
 * has another hash in the catalog, so it can never be answered with old bytes. A cache of size 0 keeps
 * nothing.
 */
public final class ObjectCache {
  /** What an entry costs beyond its bytes (key, entry, map node, array header), counted against the bound. */
  static final int ENTRY_OVERHEAD = 160;

  /** Reads an object's bytes on a miss. */
  @FunctionalInterface
  public interface Reader {
    byte[] read() throws IOException;
  }

  private record Key(Location location, String sha256) {
  }

  private final long capacity;
  private final long maxEntryBytes;
  private final BoundedCache<Key, byte[]> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /**
   * @param capacityBytes the most the entries may hold in total, overhead included; 0 disables the cache
   * @param maxEntryBytes the largest object kept
   */
  public ObjectCache(long capacityBytes, long maxEntryBytes) {
    if (capacityBytes < 0 || maxEntryBytes < 0) {
      throw new IllegalArgumentException("cache sizes must not be negative");
    }
    this.capacity = capacityBytes;
    // One object never takes more than an eighth of the cache, so a small cache still holds a few.
    this.maxEntryBytes = Math.min(maxEntryBytes, capacityBytes / 8);
    this.entries = new BoundedCache<>(capacityBytes, bytes -> bytes.length + ENTRY_OVERHEAD, null, System::nanoTime);
  }

  public boolean enabled() {
    return capacity > 0;
  }

  /** Whether an object of this size can be kept at all. */
  public boolean accepts(long size) {
    return size >= 0 && size <= maxEntryBytes;
  }

  /** The object's bytes if cached (counted as a hit), else null (not counted). Never modify the array. */
  public byte[] getIfPresent(Location location, String sha256) {
    if (capacity == 0 || sha256 == null) {
      return null;
    }
    byte[] bytes = entries.get(new Key(location, sha256));
    if (bytes != null) {
      hits.increment();
    }
    return bytes;
  }

  /**
   * The object's bytes: from the cache, or from {@code reader} (a miss), then kept when they hash to
   * {@code sha256} and fit. Never modify the array.
   */
  public byte[] load(Location location, String sha256, Reader reader) throws IOException {
    byte[] cached = getIfPresent(location, sha256);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = reader.read();
    if (capacity > 0 && sha256 != null) {
      misses.increment();
      put(location, sha256, bytes);
    }
    return bytes;
  }

  private void put(Location location, String sha256, byte[] bytes) {
    if (accepts(bytes.length) && sha256.equals(Sha256.hex(bytes))) {
      entries.put(new Key(location, sha256), bytes);
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Bytes held, overhead included; never more than the capacity. */
  public long size() {
    return entries.weight();
  }

  public int entries() {
    return entries.size();
  }

  public long capacity() {
    return capacity;
  }
}
