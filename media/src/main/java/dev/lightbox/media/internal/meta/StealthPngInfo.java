package dev.lightbox.media.internal.meta;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.DataFormatException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * "Stealth" PNG info (AUTOMATIC1111 extension, NovelAI): text hidden in the least significant bits of the
 * alpha channel, read column by column: a 15-byte signature, a 32-bit bit count, then the (gzipped) text.
 *
 * <p>Bounded by pixels and bytes: the image is never decoded whole (a 40 MP 16-bit RGBA image would take
 * 320 MB); columns are decoded in strips of at most {@link #STRIP_PIXELS} pixels (16 MiB at 8 bytes a
 * pixel), only as far as the declared bits reach, and the text (stored or inflated) is at most
 * {@link #MAX_TEXT}. PNG text chunks are not read here (the reader ignores metadata).
 */
public final class StealthPngInfo {
  private static final String PLAIN = "stealth_pnginfo";
  private static final String GZIP = "stealth_pngcomp";
  private static final long MAX_PIXELS = 40_000_000L;
  static final int MAX_TEXT = 1 << 20;
  static final int STRIP_PIXELS = 1 << 21;

  private StealthPngInfo() {
  }

  /** The hidden text, or null when the image carries none. */
  public static String read(Path png, int width, int height) throws IOException {
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS || pixels < 16 * 8 || height > STRIP_PIXELS) {
      return null;
    }
    try (ImageInputStream iis = ImageIO.createImageInputStream(png.toFile())) {
      Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(iis, false, true);
        return read(new BitReader(reader, width, height));
      } finally {
        reader.dispose();
      }
    }
  }

  private static String read(BitReader bits) throws IOException {
    byte[] sig = bits.bytes(15);
    String signature = sig == null ? "" : new String(sig, StandardCharsets.ISO_8859_1);
    if (!signature.equals(PLAIN) && !signature.equals(GZIP)) {
      return null;
    }
    byte[] len = bits.bytes(4);
    if (len == null) {
      return null;
    }
    long bitCount = ((len[0] & 0xFFL) << 24) | ((len[1] & 0xFF) << 16) | ((len[2] & 0xFF) << 8) | (len[3] & 0xFF);
    if (bitCount / 8 > MAX_TEXT) {
      throw new IOException("stealth data declares " + bitCount + " bits, more than the limit of "
          + MetadataLimits.mib(MAX_TEXT) + "; it was not read");
    }
    byte[] data = bits.bytes((int) (bitCount / 8));
    if (data == null) {
      throw new IOException("stealth data declares " + bitCount + " bits, more than the image holds");
    }
    if (signature.equals(GZIP)) {
      try {
        data = BoundedInflater.gunzip(data, MAX_TEXT);
      } catch (DataFormatException e) {
        throw new IOException("stealth data is not valid gzip: " + e.getMessage());
      }
    }
    return Utf8.decodeLenient(data);
  }

  /** Alpha bits column by column, decoding a strip of columns at a time. */
  private static final class BitReader {
    private final ImageReader reader;
    private final int width;
    private final int height;
    private final int stripColumns;
    private Raster alpha;
    private int stripStart = -1;
    private long index;

    BitReader(ImageReader reader, int width, int height) {
      this.reader = reader;
      this.width = width;
      this.height = height;
      this.stripColumns = Math.max(1, STRIP_PIXELS / height);
    }

    byte[] bytes(int n) throws IOException {
      if (index + 8L * n > (long) width * height) {
        return null;
      }
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        int v = 0;
        for (int b = 0; b < 8; b++) {
          v = (v << 1) | bit();
          if (v < 0) {
            return null;
          }
        }
        out[i] = (byte) v;
      }
      return out;
    }

    /** The next bit, or -1 when the image has no alpha. */
    private int bit() throws IOException {
      int x = (int) (index / height);
      int y = (int) (index % height);
      index++;
      if (stripStart < 0 || x < stripStart || x >= stripStart + stripColumns) {
        stripStart = x;
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(x, 0, Math.min(stripColumns, width - x), height));
        BufferedImage strip = reader.read(0, param);
        alpha = strip.getAlphaRaster();
      }
      if (alpha == null) {
        return Integer.MIN_VALUE;
      }
      return alpha.getSample(alpha.getMinX() + x - stripStart, alpha.getMinY() + y, 0) & 1;
    }
  }
}
