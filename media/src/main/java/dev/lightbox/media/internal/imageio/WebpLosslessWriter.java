package dev.lightbox.media.internal.imageio;

import java.io.ByteArrayOutputStream;

/**
 * A small lossless WebP (VP8L) encoder so the pure-Java engine can write WebP thumbnails, which ImageIO
 * cannot. It uses the subtract-green and predictor transforms, runs copied from the left or upper pixel,
 * and one set of prefix codes: larger files than libwebp's, but valid and exact.
 */
public final class WebpLosslessWriter {
  private static final int BLOCK_BITS = 5;
  private static final int[] MODES = {1, 2, 7, 11, 13};
  private static final int[] CODE_LENGTH_ORDER = {17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  private static final int MAX_RUN = 4096;

  private WebpLosslessWriter() {
  }

  /** Encodes ARGB pixels (row-major, {@code width * height}) as a complete .webp file. */
  public static byte[] encode(int[] argb, int width, int height) {
    if (width < 1 || height < 1 || width > 16384 || height > 16384) {
      throw new IllegalArgumentException("WebP size must be 1..16384 px a side, not " + width + "x" + height);
    }
    boolean alpha = false;
    int[] px = argb.clone();
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      alpha |= (p >>> 24) != 0xFF;
      int g = (p >> 8) & 0xFF;
      px[i] = (p & 0xFF00FF00) | ((((p >> 16) - g) & 0xFF) << 16) | (((p & 0xFF) - g) & 0xFF);
    }
    BitWriter w = new BitWriter();
    w.bits(0x2F, 8);
    w.bits(width - 1, 14);
    w.bits(height - 1, 14);
    w.bits(alpha ? 1 : 0, 1);
    w.bits(0, 3);
    w.bits(1, 1);
    w.bits(2, 2); // subtract green
    w.bits(1, 1);
    w.bits(0, 2); // predictor
    w.bits(BLOCK_BITS - 2, 3);
    int bw = (width + (1 << BLOCK_BITS) - 1) >> BLOCK_BITS;
    int bh = (height + (1 << BLOCK_BITS) - 1) >> BLOCK_BITS;
    int[] modes = Predictors.chooseModes(px, width, height, BLOCK_BITS, MODES);
    int[] modeImage = new int[bw * bh];
    for (int i = 0; i < modeImage.length; i++) {
      modeImage[i] = 0xFF000000 | (modes[i] << 8);
    }
    writeImage(w, modeImage, bw, false);
    int[] residual = Predictors.residuals(px, width, height, BLOCK_BITS, modes);
    w.bits(0, 1); // no more transforms
    writeImage(w, residual, width, true);
    return riff(w.finish());
  }

  /** Entropy-coded image: no color cache, one prefix code group; the main image may use backward runs. */
  private static void writeImage(BitWriter w, int[] px, int width, boolean main) {
    int[][] counts = {new int[280], new int[256], new int[256], new int[256], new int[40]};
    int[] ops = new int[px.length * 2]; // pairs: (run length or 0, plane code)
    int nOps = 0;
    for (int i = 0; i < px.length; ) {
      int run = 0;
      int plane = 0;
      if (main) {
        int left = runLength(px, i, 1);
        int up = i >= width ? runLength(px, i, width) : 0;
        run = Math.max(left, up);
        plane = up >= left ? 1 : 2; // plane code 1 = pixel above, 2 = pixel to the left
      }
      if (run >= 3) {
        int[] lp = prefix(run);
        counts[0][256 + lp[0]]++;
        counts[4][prefix(plane)[0]]++;
        ops[nOps++] = run;
        ops[nOps++] = plane;
        i += run;
      } else {
        int p = px[i];
        counts[0][(p >> 8) & 0xFF]++;
        counts[1][(p >> 16) & 0xFF]++;
        counts[2][p & 0xFF]++;
        counts[3][p >>> 24]++;
        ops[nOps++] = 0;
        ops[nOps++] = i;
        i++;
      }
    }
    w.bits(0, 1); // no color cache
    if (main) {
      w.bits(0, 1); // no meta prefix codes
    }
    HuffmanCode[] codes = new HuffmanCode[5];
    for (int c = 0; c < 5; c++) {
      codes[c] = new HuffmanCode(counts[c], 15);
      writeCode(w, codes[c]);
    }
    for (int k = 0; k < nOps; k += 2) {
      if (ops[k] == 0) {
        int p = px[ops[k + 1]];
        codes[0].write(w, (p >> 8) & 0xFF);
        codes[1].write(w, (p >> 16) & 0xFF);
        codes[2].write(w, p & 0xFF);
        codes[3].write(w, p >>> 24);
      } else {
        int[] lp = prefix(ops[k]);
        codes[0].write(w, 256 + lp[0]);
        w.bits(lp[2], lp[1]);
        int[] dp = prefix(ops[k + 1]);
        codes[4].write(w, dp[0]);
        w.bits(dp[2], dp[1]);
      }
    }
  }

  private static int runLength(int[] px, int i, int distance) {
    if (i < distance) {
      return 0;
    }
    int n = 0;
    while (i + n < px.length && n < MAX_RUN && px[i + n] == px[i + n - distance]) {
      n++;
    }
    return n;
  }

  /** {prefix symbol, extra bit count, extra bits value} for a length or distance value of 1 or more. */
  static int[] prefix(int value) {
    int d = value - 1;
    if (d < 4) {
      return new int[] {d, 0, 0};
    }
    int high = 31 - Integer.numberOfLeadingZeros(d);
    int second = (d >> (high - 1)) & 1;
    int extraBits = high - 1;
    return new int[] {2 * high + second, extraBits, d & ((1 << extraBits) - 1)};
  }

  private static void writeCode(BitWriter w, HuffmanCode code) {
    int only = code.onlySymbol();
    if (code.usedSymbols() == 0 || (only >= 0 && only < 256)) {
      int s = Math.max(only, 0);
      w.bits(1, 1); // simple code
      w.bits(0, 1); // one symbol
      w.bits(s < 2 ? 0 : 1, 1);
      w.bits(s, s < 2 ? 1 : 8);
      return;
    }
    w.bits(0, 1); // normal code
    int[] lengths = code.lengths;
    int[] ops = new int[lengths.length * 2];
    int nOps = 0;
    int[] clCounts = new int[19];
    for (int i = 0; i < lengths.length; ) {
      int zeros = 0;
      while (i + zeros < lengths.length && lengths[i + zeros] == 0 && zeros < 138) {
        zeros++;
      }
      if (zeros >= 3) {
        int sym = zeros >= 11 ? 18 : 17;
        ops[nOps++] = sym;
        ops[nOps++] = zeros - (sym == 18 ? 11 : 3);
        clCounts[sym]++;
        i += zeros;
      } else {
        ops[nOps++] = lengths[i];
        ops[nOps++] = 0;
        clCounts[lengths[i]]++;
        i++;
      }
    }
    HuffmanCode cl = new HuffmanCode(clCounts, 7);
    int num = 19;
    while (num > 4 && cl.lengths[CODE_LENGTH_ORDER[num - 1]] == 0) {
      num--;
    }
    w.bits(num - 4, 4);
    for (int i = 0; i < num; i++) {
      w.bits(cl.lengths[CODE_LENGTH_ORDER[i]], 3);
    }
    w.bits(0, 1); // code lengths cover the whole alphabet
    for (int k = 0; k < nOps; k += 2) {
      cl.write(w, ops[k]);
      if (ops[k] == 17) {
        w.bits(ops[k + 1], 3);
      } else if (ops[k] == 18) {
        w.bits(ops[k + 1], 7);
      }
    }
  }

  private static byte[] riff(byte[] vp8l) {
    int pad = vp8l.length & 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(vp8l.length + 21);
    out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    le32(out, 4 + 8 + vp8l.length + pad);
    out.writeBytes("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    le32(out, vp8l.length);
    out.writeBytes(vp8l);
    if (pad == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static void le32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
