package dev.lightbox.media.internal.imageio;

/** VP8L spatial predictors (a subset of the 14 modes) and the per-block choice between them. */
final class Predictors {
  private Predictors() {
  }

  static int[] chooseModes(int[] px, int width, int height, int blockBits, int[] candidates) {
    int bw = (width + (1 << blockBits) - 1) >> blockBits;
    int bh = (height + (1 << blockBits) - 1) >> blockBits;
    int[] modes = new int[bw * bh];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        long best = Long.MAX_VALUE;
        for (int mode : candidates) {
          long cost = 0;
          for (int y = by << blockBits; y < Math.min(height, (by + 1) << blockBits); y++) {
            for (int x = bx << blockBits; x < Math.min(width, (bx + 1) << blockBits); x++) {
              cost += cost(sub(px[y * width + x], predict(px, width, x, y, mode)));
            }
          }
          if (cost < best) {
            best = cost;
            modes[by * bw + bx] = mode;
          }
        }
      }
    }
    return modes;
  }

  static int[] residuals(int[] px, int width, int height, int blockBits, int[] modes) {
    int bw = (width + (1 << blockBits) - 1) >> blockBits;
    int[] out = new int[px.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int mode = modes[(y >> blockBits) * bw + (x >> blockBits)];
        out[y * width + x] = sub(px[y * width + x], predict(px, width, x, y, mode));
      }
    }
    return out;
  }

  static int predict(int[] px, int width, int x, int y, int mode) {
    int i = y * width + x;
    if (y == 0) {
      return x == 0 ? 0xFF000000 : px[i - 1];
    }
    if (x == 0) {
      return px[i - width];
    }
    int l = px[i - 1];
    int t = px[i - width];
    int tl = px[i - width - 1];
    return switch (mode) {
      case 1 -> l;
      case 2 -> t;
      case 7 -> avg(l, t);
      case 11 -> select(l, t, tl);
      case 13 -> clampAddSubtractHalf(avg(l, t), tl);
      default -> throw new IllegalArgumentException("predictor " + mode);
    };
  }

  private static int avg(int a, int b) {
    return (((a ^ b) & 0xFEFEFEFE) >>> 1) + (a & b);
  }

  private static int select(int l, int t, int tl) {
    int pl = 0;
    int pt = 0;
    for (int s = 0; s < 32; s += 8) {
      int cl = (l >>> s) & 0xFF;
      int ct = (t >>> s) & 0xFF;
      int ctl = (tl >>> s) & 0xFF;
      int p = cl + ct - ctl;
      pl += Math.abs(p - cl);
      pt += Math.abs(p - ct);
    }
    return pl < pt ? l : t;
  }

  private static int clampAddSubtractHalf(int a, int b) {
    int out = 0;
    for (int s = 0; s < 32; s += 8) {
      int ca = (a >>> s) & 0xFF;
      int cb = (b >>> s) & 0xFF;
      int v = ca + (ca - cb) / 2;
      out |= Math.max(0, Math.min(255, v)) << s;
    }
    return out;
  }

  private static int sub(int p, int pred) {
    int out = 0;
    for (int s = 0; s < 32; s += 8) {
      out |= ((((p >>> s) & 0xFF) - ((pred >>> s) & 0xFF)) & 0xFF) << s;
    }
    return out;
  }

  private static long cost(int residual) {
    long c = 0;
    for (int s = 0; s < 32; s += 8) {
      int v = (byte) (residual >>> s);
      c += Math.abs(v);
    }
    return c;
  }
}
