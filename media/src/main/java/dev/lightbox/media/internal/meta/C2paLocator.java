package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;

/** Finds a C2PA manifest store in a JPEG (APP11 JUMBF segments) or a WebP (RIFF 'C2PA' chunk). */
public final class C2paLocator {
  /** All JUMBF packets of a file together (every instance counts), and a WebP 'C2PA' chunk. */
  private static final int MAX_STORE = MetadataLimits.SEGMENT;

  private C2paLocator() {
  }

  /** The reassembled JUMBF box of the first APP11 box instance, or null when there is none. */
  public static byte[] fromJpeg(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    if (in.readUnsignedShort() != 0xFFD8) {
      return null;
    }
    Map<Integer, ByteArrayOutputStream> instances = new TreeMap<>();
    long total = 0;
    try {
      while (true) {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
          continue;
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xFF) {
          marker = in.readUnsignedByte();
        }
        if (marker == 0xDA || marker == 0xD9) {
          break;
        }
        if (marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue;
        }
        int length = in.readUnsignedShort() - 2;
        if (length < 0) {
          break;
        }
        byte[] body = in.readNBytes(length);
        if (marker == 0xEB && body.length >= 16 && body[0] == 'J' && body[1] == 'P') {
          int instance = ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
          ByteArrayOutputStream out = instances.computeIfAbsent(instance, k -> new ByteArrayOutputStream());
          int skip = out.size() == 0 ? 8 : 16; // later packets repeat the box header
          total += body.length;
          if (total > MAX_STORE) {
            throw new IOException("C2PA data is larger than " + MetadataLimits.mib(MAX_STORE) + "; it was not read");
          }
          out.write(body, Math.min(skip, body.length), Math.max(0, body.length - skip));
        }
      }
    } catch (EOFException truncated) {
      // keep what was found before the end
    }
    for (ByteArrayOutputStream out : instances.values()) {
      byte[] box = out.toByteArray();
      if (box.length >= 8 && box[4] == 'j' && box[5] == 'u' && box[6] == 'm' && box[7] == 'b') {
        return box;
      }
    }
    return null;
  }

  /** The body of a WebP's 'C2PA' chunk, or null. */
  public static byte[] fromWebp(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] header = in.readNBytes(12);
    if (header.length < 12) {
      return null;
    }
    while (true) {
      byte[] chunk = in.readNBytes(8);
      if (chunk.length < 8) {
        return null;
      }
      String fourcc = new String(chunk, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long size = (chunk[4] & 0xFFL) | ((chunk[5] & 0xFFL) << 8) | ((chunk[6] & 0xFFL) << 16)
          | ((chunk[7] & 0xFFL) << 24);
      long padded = size + (size & 1);
      if (fourcc.equals("C2PA")) {
        return size > MAX_STORE ? null : in.readNBytes((int) size);
      }
      try {
        in.skipNBytes(padded);
      } catch (EOFException end) {
        return null;
      }
    }
  }
}
