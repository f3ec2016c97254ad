package dev.lightbox.media.internal.meta;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import javax.imageio.ImageIO;

/**
 * "Stealth" PNG info (AUTOMATIC1111 extension, NovelAI): text hidden in the least significant bits of the
 * alpha channel, read column by column: a 15-byte signature, a 32-bit bit count, then the (gzipped) text.
 */
public final class StealthPngInfo {
  private static final String PLAIN = "stealth_pnginfo";
  private static final String GZIP = "stealth_pngcomp";
  private static final long MAX_PIXELS = 40_000_000L;
  private static final int MAX_TEXT = 4 * 1024 * 1024;

  private StealthPngInfo() {
  }

  /** The hidden text, or null when the image carries none. */
  public static String read(Path png, int width, int height) throws IOException {
    if ((long) width * height > MAX_PIXELS || (long) width * height < 16 * 8) {
      return null;
    }
    BufferedImage img = ImageIO.read(png.toFile());
    if (img == null || img.getAlphaRaster() == null) {
      return null;
    }
    Raster alpha = img.getAlphaRaster();
    BitReader bits = new BitReader(alpha);
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
      throw new IOException("stealth data declares " + bitCount + " bits, more than the image holds");
    }
    byte[] data = bits.bytes((int) (bitCount / 8));
    if (data == null) {
      throw new IOException("stealth data is truncated");
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

  private static final class BitReader {
    private final Raster alpha;
    private final int width;
    private final int height;
    private long index;

    BitReader(Raster alpha) {
      this.alpha = alpha;
      this.width = alpha.getWidth();
      this.height = alpha.getHeight();
    }

    byte[] bytes(int n) {
      if (index + 8L * n > (long) width * height) {
        return null;
      }
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        int v = 0;
        for (int b = 0; b < 8; b++) {
          int x = (int) (index / height);
          int y = (int) (index % height);
          v = (v << 1) | (alpha.getSample(alpha.getMinX() + x, alpha.getMinY() + y, 0) & 1);
          index++;
        }
        out[i] = (byte) v;
      }
      return out;
    }
  }
}
