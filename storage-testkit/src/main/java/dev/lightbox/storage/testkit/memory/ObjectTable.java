package dev.lightbox.storage.testkit.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.KeyOrder;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/**
 * The objects of one in-memory store in key order, behind one lock. It refuses what a disk store cannot
 * hold: keys with a reserved segment, and an object at a key that another key needs as a directory.
 */
final class ObjectTable {
  private static final String RESERVED_PREFIX = ".lightbox";

  /** One stored object; the bytes are never changed after the put, so readers need no lock. */
  record Stored(byte[] bytes, BlobInfo info) {
  }

  private final String describe;
  private final NavigableMap<String, Stored> objects = new TreeMap<>(KeyOrder::compare);

  ObjectTable(String describe) {
    this.describe = describe;
  }

  /** Refuses a key the disk store refuses, with its message. */
  void checkKey(BlobKey key, String operation) {
    for (String segment : key.value().split("/")) {
      if (segment.startsWith(RESERVED_PREFIX)) {
        throw StorageException.of(Kind.INVALID_KEY, operation, describe, key.value(),
            "segments starting with '" + RESERVED_PREFIX + "' are reserved for the store's own files");
      }
    }
  }

  synchronized Stored get(BlobKey key) {
    return objects.get(key.value());
  }

  synchronized void put(BlobKey key, Stored stored, String operation) {
    checkRoomFor(key, operation);
    objects.put(key.value(), stored);
  }

  synchronized Stored remove(BlobKey key) {
    return objects.remove(key.value());
  }

  /** Moves atomically, or returns null when there is no source. */
  synchronized Stored move(BlobKey source, BlobKey target, Function<Stored, Stored> retarget) {
    Stored stored = objects.get(source.value());
    if (stored == null || source.equals(target)) {
      return stored;
    }
    checkRoomFor(target, "move");
    Stored moved = retarget.apply(stored);
    objects.remove(source.value());
    objects.put(target.value(), moved);
    return moved;
  }

  /** Reads a consistent view: {@code reader} runs under the lock and must not call back into the store. */
  synchronized <T> T read(Function<NavigableMap<String, Stored>, T> reader) {
    return reader.apply(Collections.unmodifiableNavigableMap(objects));
  }

  /** On disk a key's parent segments are directories, so no object may sit at one, nor under the key. */
  private void checkRoomFor(BlobKey key, String operation) {
    String value = key.value();
    List<String> clashes = new ArrayList<>();
    for (int slash = value.indexOf('/'); slash >= 0; slash = value.indexOf('/', slash + 1)) {
      String parent = value.substring(0, slash);
      if (objects.containsKey(parent)) {
        clashes.add(parent);
      }
    }
    String below = objects.ceilingKey(value + "/");
    if (below != null && below.startsWith(value + "/")) {
      clashes.add(below);
    }
    if (!clashes.isEmpty()) {
      throw StorageException.retryable(Kind.UNAVAILABLE, operation, describe, value,
          "the object '" + clashes.getFirst() + "' is in the way: a disk store keeps keys as files and their "
              + "prefixes as directories, so it cannot hold an object both at a key and under it. Choose "
              + "another key", false, null);
    }
  }
}
