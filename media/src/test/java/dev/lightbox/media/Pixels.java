package dev.lightbox.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pixel helpers for tests: decode renditions and compare images. */
final class Pixels {
  static {
    ImageIO.scanForPlugins();
  }

  private Pixels() {
  }

  static BufferedImage decode(Path file) {
    try {
      BufferedImage img = ImageIO.read(file.toFile());
      if (img == null) {
        throw new IllegalStateException("no ImageIO reader decodes " + file);
      }
      return img;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BufferedImage resize(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  static BufferedImage mirror(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(src.getWidth() - 1 - x, y, src.getRGB(x, y));
      }
    }
    return out;
  }

  static BufferedImage rotate180(BufferedImage src) {
    BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(src.getWidth() - 1 - x, src.getHeight() - 1 - y, src.getRGB(x, y));
      }
    }
    return out;
  }

  /** Mean absolute difference per channel (0-255) over the outer frame, skipping the centre (the label). */
  static double meanDiff(BufferedImage a, BufferedImage b) {
    int w = Math.min(a.getWidth(), b.getWidth());
    int h = Math.min(a.getHeight(), b.getHeight());
    long sum = 0;
    long n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean centre = x > w / 3 && x < 2 * w / 3 && y > h / 3 && y < 2 * h / 3;
        if (centre) {
          continue;
        }
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
        }
        n += 3;
      }
    }
    return (double) sum / n;
  }
}
