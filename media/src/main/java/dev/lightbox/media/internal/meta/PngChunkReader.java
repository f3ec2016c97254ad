package dev.lightbox.media.internal.meta;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;

/**
 * Walks a PNG's chunks once, streaming past image data. Text chunks are read wherever they are (also after
 * IDAT); a chunk with a bad CRC or bad compression becomes a warning naming it, and the rest still parses.
 */
public final class PngChunkReader {
  /** Text and caBX chunks larger than this are skipped with a warning. */
  static final int MAX_CHUNK = 32 * 1024 * 1024;
  static final int MAX_INFLATED = MetadataLimits.TEXT_INFLATED;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private PngChunkReader() {
  }

  public static PngScan read(InputStream raw) throws IOException {
    return read(raw, InflateBudget.perFile());
  }

  /** Compressed text inflates within {@code budget}; a chunk beyond it is skipped with a warning. */
  public static PngScan read(InputStream raw, InflateBudget budget) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] sig = in.readNBytes(8);
    if (!java.util.Arrays.equals(sig, SIGNATURE)) {
      throw new IOException("not a PNG file (bad signature)");
    }
    int width = 0;
    int height = 0;
    int colorType = -1;
    List<PngText> texts = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    byte[] c2pa = null;
    boolean afterIdat = false;
    while (true) {
      long length;
      String type;
      try {
        length = in.readInt() & 0xFFFFFFFFL;
        type = new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
      } catch (EOFException end) {
        warnings.add("PNG ends before its IEND chunk");
        break;
      }
      if (type.length() < 4) {
        warnings.add("PNG ends inside a chunk header");
        break;
      }
      boolean wanted = type.equals("IHDR") || type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt")
          || type.equals("caBX");
      if (!wanted || length > MAX_CHUNK) {
        if (wanted) {
          warnings.add(type + " chunk of " + length + " bytes is too large and was skipped");
        }
        if (type.equals("IDAT")) {
          afterIdat = true;
        }
        long skipped = skipFully(in, length + 4);
        if (skipped < length + 4) {
          warnings.add("PNG is truncated inside a " + type + " chunk");
          break;
        }
        if (type.equals("IEND")) {
          break;
        }
        continue;
      }
      byte[] body = in.readNBytes((int) length);
      byte[] crcBytes = in.readNBytes(4);
      if (body.length < length || crcBytes.length < 4) {
        warnings.add("PNG is truncated inside a " + type + " chunk");
        break;
      }
      CRC32 crc = new CRC32();
      crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
      crc.update(body);
      long expected = ((crcBytes[0] & 0xFFL) << 24) | ((crcBytes[1] & 0xFF) << 16) | ((crcBytes[2] & 0xFF) << 8)
          | (crcBytes[3] & 0xFF);
      if (crc.getValue() != expected) {
        warnings.add(type + " chunk" + keywordOf(body) + " has a bad CRC and was ignored");
        continue;
      }
      switch (type) {
        case "IHDR" -> {
          if (body.length >= 13) {
            width = readInt(body, 0);
            height = readInt(body, 4);
            colorType = body[9] & 0xFF;
          }
        }
        case "caBX" -> c2pa = body;
        default -> {
          int cap = budget.allowance(MAX_INFLATED);
          try {
            PngText text = decodeText(type, body, afterIdat, cap);
            long weight = weight(text.text());
            if (weight > budget.allowance(Integer.MAX_VALUE)) {
              budget.spend(text.text().length());
              warnings.add(type + " chunk" + keywordOf(body) + " was skipped: this file's text metadata already"
                  + " takes " + MetadataLimits.mib(MetadataLimits.FILE_INFLATED) + " (a decompression bomb?)");
              continue;
            }
            budget.spend(weight);
            texts.add(text);
          } catch (DataFormatException | IllegalArgumentException e) {
            if (e instanceof InflateCapExceeded) {
              budget.spend(cap);
            }
            warnings.add(type + " chunk" + keywordOf(body) + " could not be decoded: " + e.getMessage());
          }
        }
      }
    }
    return new PngScan(width, height, colorType, texts, c2pa, warnings);
  }

  static PngText decodeText(String type, byte[] body, boolean afterIdat, int cap) throws DataFormatException {
    int nul = indexOf(body, 0);
    if (nul < 1 || nul > 79) {
      throw new IllegalArgumentException("missing or invalid keyword");
    }
    String keyword = new String(body, 0, nul, StandardCharsets.ISO_8859_1);
    int p = nul + 1;
    String text = switch (type) {
      case "tEXt" -> Utf8.decodeLenient(java.util.Arrays.copyOfRange(body, p, body.length));
      case "zTXt" -> {
        if (p >= body.length) {
          throw new IllegalArgumentException("missing compression method");
        }
        byte[] inflated = inflate(body, p + 1, cap);
        yield Utf8.decodeLenient(inflated);
      }
      default -> iTxt(body, p, cap);
    };
    return new PngText(keyword, text, type, afterIdat);
  }

  private static String iTxt(byte[] body, int p, int cap) throws DataFormatException {
    if (p + 2 > body.length) {
      throw new IllegalArgumentException("missing compression flag");
    }
    boolean compressed = body[p] != 0;
    p += 2;
    int langEnd = indexOf(body, p);
    int transEnd = langEnd < 0 ? -1 : indexOf(body, langEnd + 1);
    if (transEnd < 0) {
      throw new IllegalArgumentException("missing language or translated keyword");
    }
    p = transEnd + 1;
    byte[] utf8 = compressed
        ? inflate(body, p, cap)
        : java.util.Arrays.copyOfRange(body, p, body.length);
    return Utf8.decodeStrict(utf8);
  }

  /**
   * What a text costs once stored: its length, plus five for each control character, which the catalog's
   * JSON writes as six characters (backslash, u, four hex digits); a text of NULs would grow sixfold there.
   */
  static long weight(String text) {
    long w = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        w += 5;
      }
    }
    return w;
  }

  private static byte[] inflate(byte[] body, int from, int cap) throws DataFormatException {
    if (cap <= 0) {
      throw new InflateCapExceeded("skipped: this file's compressed metadata already inflated to "
          + MetadataLimits.mib(MetadataLimits.FILE_INFLATED) + " (a decompression bomb?)");
    }
    try {
      return BoundedInflater.inflate(body, from, body.length - from, cap);
    } catch (DataFormatException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("inflates to more than")) {
        throw new InflateCapExceeded("inflates to more than " + MetadataLimits.mib(cap)
            + " and was skipped (a decompression bomb?)");
      }
      throw e;
    }
  }

  /** Compressed text that would inflate past its cap: the work up to the cap was spent. */
  private static final class InflateCapExceeded extends DataFormatException {
    InflateCapExceeded(String message) {
      super(message);
    }
  }

  private static String keywordOf(byte[] body) {
    int nul = indexOf(body, 0);
    return nul > 0 && nul < 80 ? " '" + new String(body, 0, nul, StandardCharsets.ISO_8859_1) + "'" : "";
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static long skipFully(InputStream in, long n) throws IOException {
    long done = 0;
    while (done < n) {
      long s = in.skip(n - done);
      if (s <= 0) {
        if (in.read() < 0) {
          break;
        }
        s = 1;
      }
      done += s;
    }
    return done;
  }
}
