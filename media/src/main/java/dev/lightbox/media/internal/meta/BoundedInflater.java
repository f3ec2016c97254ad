package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Inflates zlib data with a cap on the output, so a compressed bomb is refused instead of filling memory. */
public final class BoundedInflater {
  private BoundedInflater() {
  }

  /** Returns the inflated bytes; throws {@link DataFormatException} for bad, truncated or oversized data. */
  public static byte[] inflate(byte[] data, int offset, int length, int maxOutput)
      throws DataFormatException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxOutput, Math.max(64, length * 4)));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("compressed data ends early");
        }
        if (out.size() + n > maxOutput) {
          throw new DataFormatException("inflates to more than " + maxOutput + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  /**
   * How many bytes zlib data inflates to, counting without keeping them; -1 when that is more than
   * {@code max} (inflating stops there) or the data is bad.
   */
  public static long inflatedSize(byte[] data, int offset, int length, long max) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, length);
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return -1;
        }
        total += n;
        if (total > max) {
          return -1;
        }
      }
      return total;
    } catch (DataFormatException e) {
      return -1;
    } finally {
      inflater.end();
    }
  }

  /** Decompresses gzip data, refusing output over {@code maxOutput}. */
  public static byte[] gunzip(byte[] data, int maxOutput) throws DataFormatException {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      byte[] out = in.readNBytes(maxOutput + 1);
      if (out.length > maxOutput) {
        throw new DataFormatException("inflates to more than " + maxOutput + " bytes");
      }
      return out;
    } catch (java.io.IOException e) {
      throw new DataFormatException("bad gzip data: " + e.getMessage());
    }
  }
}
