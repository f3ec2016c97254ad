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
