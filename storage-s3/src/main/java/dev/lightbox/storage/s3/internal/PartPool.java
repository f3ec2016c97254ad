package dev.lightbox.storage.s3.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * At most {@code max} part buffers of one size for one upload, allocated when first needed and reused, so
 * memory stays bounded however large the object is.
 */
final class PartPool {
  private final int partSize;
  private final int max;
  private final BlockingQueue<byte[]> free;
  private int allocated;

  PartPool(int partSize, int max) {
    this.partSize = partSize;
    this.max = max;
    this.free = new ArrayBlockingQueue<>(max);
  }

  byte[] take() throws InterruptedException {
    byte[] buffer = free.poll();
    if (buffer != null) {
      return buffer;
    }
    synchronized (this) {
      if (allocated < max) {
        allocated++;
        return new byte[partSize];
      }
    }
    return free.take();
  }

  /** Returns a buffer of this pool's size (or adopts one made outside it, within the limit). */
  void give(byte[] buffer) {
    if (buffer.length == partSize) {
      free.offer(buffer);
    }
  }

  /** Counts a buffer made outside the pool, such as the first part read before multipart was chosen. */
  synchronized void adopt() {
    allocated++;
  }
}
