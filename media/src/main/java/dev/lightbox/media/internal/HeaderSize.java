package dev.lightbox.media.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Declared width and height straight from the header bytes of JPEG, PNG, GIF and WebP, to refuse oversized
 * images before any decoder runs. Other formats return null and are asked of the image engine.
 */
final class HeaderSize {
  private HeaderSize() {
  }

  static int[] read(MediaFormat format, InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    try {
      return switch (format) {
        case PNG -> {
          in.skipNBytes(16);
          yield new int[] {in.readInt(), in.readInt()};
        }
        case GIF -> {
          in.skipNBytes(6);
          yield new int[] {Short.reverseBytes(in.readShort()) & 0xFFFF, Short.reverseBytes(in.readShort()) & 0xFFFF};
        }
        case WEBP -> webp(in);
        case JPEG -> jpeg(in);
        default -> null;
      };
    } catch (EOFException truncated) {
      return null;
    }
  }

  private static int[] jpeg(DataInputStream in) throws IOException {
    in.skipNBytes(2);
    while (true) {
      int b = in.readUnsignedByte();
      if (b != 0xFF) {
        continue;
      }
      int marker = in.readUnsignedByte();
      while (marker == 0xFF) {
        marker = in.readUnsignedByte();
      }
      if (marker == 0xD9 || marker == 0xDA) {
        return null;
      }
      if (marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      int length = in.readUnsignedShort();
      boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        in.skipNBytes(1);
        int h = in.readUnsignedShort();
        int w = in.readUnsignedShort();
        return new int[] {w, h};
      }
      in.skipNBytes(Math.max(0, length - 2));
    }
  }

  private static int[] webp(DataInputStream in) throws IOException {
    in.skipNBytes(12);
    byte[] fourcc = in.readNBytes(4);
    in.skipNBytes(4);
    String kind = new String(fourcc, java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] b = in.readNBytes(10);
    return switch (kind) {
      case "VP8X" -> new int[] {1 + le24(b, 4), 1 + le24(b, 7)};
      case "VP8L" -> {
        long bits = (b[1] & 0xFFL) | ((b[2] & 0xFFL) << 8) | ((b[3] & 0xFFL) << 16) | ((b[4] & 0xFFL) << 24);
        yield new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1};
      }
      case "VP8 " -> new int[] {((b[6] & 0xFF) | ((b[7] & 0xFF) << 8)) & 0x3FFF,
          ((b[8] & 0xFF) | ((b[9] & 0xFF) << 8)) & 0x3FFF};
      default -> null;
    };
  }

  private static int le24(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16);
  }
}
