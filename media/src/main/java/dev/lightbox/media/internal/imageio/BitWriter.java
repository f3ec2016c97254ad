package dev.lightbox.media.internal.imageio;

import java.io.ByteArrayOutputStream;

/** Writes bits least-significant first, as VP8L reads them. */
final class BitWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
  private long acc;
  private int used;

  void bits(int value, int count) {
    if (count == 0) {
      return;
    }
    acc |= (value & ((1L << count) - 1)) << used;
    used += count;
    while (used >= 8) {
      out.write((int) (acc & 0xFF));
      acc >>>= 8;
      used -= 8;
    }
  }

  byte[] finish() {
    if (used > 0) {
      out.write((int) (acc & 0xFF));
      acc = 0;
      used = 0;
    }
    return out.toByteArray();
  }
}
