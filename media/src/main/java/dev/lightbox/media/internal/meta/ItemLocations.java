package dev.lightbox.media.internal.meta;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Checks an {@code iloc} box body: every extent must lie within the file (the library reads them whole). */
final class ItemLocations {
  private ItemLocations() {
  }

  static String check(ByteBuffer b, long fileSize) {
    try {
      int version = b.get() & 0xFF;
      b.position(4);
      int sizes = b.get() & 0xFF;
      int offsetSize = sizes >> 4;
      int lengthSize = sizes & 0xF;
      int more = b.get() & 0xFF;
      int baseOffsetSize = more >> 4;
      int indexSize = version >= 1 ? more & 0xF : 0;
      long items = version < 2 ? b.getShort() & 0xFFFF : b.getInt() & 0xFFFFFFFFL;
      for (long i = 0; i < items; i++) {
        b.position(b.position() + (version < 2 ? 2 : 4) + (version >= 1 ? 2 : 0) + 2);
        long base = number(b, baseOffsetSize);
        int extents = b.getShort() & 0xFFFF;
        for (int e = 0; e < extents; e++) {
          number(b, indexSize);
          long offset = number(b, offsetSize);
          long length = number(b, lengthSize);
          if (length < 0 || length > fileSize || base < 0 || offset < 0 || base + offset > fileSize) {
            return "an item location declares " + Long.toUnsignedString(length) + " bytes at "
                + Long.toUnsignedString(base + offset) + ", outside the file";
          }
        }
      }
      return null;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null; // cut short: the library reports it, and reads nothing past the box
    }
  }

  private static long number(ByteBuffer b, int size) {
    return switch (size) {
      case 0 -> 0;
      case 4 -> b.getInt() & 0xFFFFFFFFL;
      case 8 -> b.getLong();
      default -> throw new IllegalArgumentException("bad iloc field size " + size);
    };
  }
}
