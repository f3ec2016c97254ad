package dev.lightbox.media.internal.imageio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;

/** sRGB conversion, good-quality downscaling to fit a box, and flattening for formats without alpha. */
final class Scaling {
  private Scaling() {
  }

  /** An INT (A)RGB image in sRGB, converting from an embedded ICC colour space when there is one. */
  static BufferedImage toSrgb(BufferedImage img) {
    boolean alpha = img.getColorModel().hasAlpha();
    int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    if (img.getType() == type) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
    ColorSpace cs = img.getColorModel().getColorSpace();
    if (!cs.isCS_sRGB() && cs.getType() != ColorSpace.TYPE_GRAY) {
      new ColorConvertOp(cs, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(img, out);
      return out;
    }
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Shrinks (never enlarges) to fit {@code box} x {@code box}, halving first for quality. */
  static BufferedImage fit(BufferedImage img, int box) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (w <= box && h <= box) {
      return img;
    }
    double scale = Math.min((double) box / w, (double) box / h);
    int tw = Math.max(1, (int) Math.round(w * scale));
    int th = Math.max(1, (int) Math.round(h * scale));
    BufferedImage cur = img;
    while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
      cur = draw(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    return cur.getWidth() == tw && cur.getHeight() == th ? cur : draw(cur, tw, th);
  }

  static BufferedImage flattenOnWhite(BufferedImage img) {
    if (!img.getColorModel().hasAlpha()) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage draw(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, src.getType());
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
