package dev.lightbox.media.internal.imageio;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** EXIF orientation (1-8): read it, and turn an image upright. */
final class Orientation {
  private Orientation() {
  }

  static int read(Path file) {
    try {
      ExifIFD0Directory d = ImageMetadataReader.readMetadata(file.toFile())
          .getFirstDirectoryOfType(ExifIFD0Directory.class);
      Integer o = d == null ? null : d.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
      return o != null && o >= 1 && o <= 8 ? o : 1;
    } catch (Exception | StackOverflowError unreadable) {
      return 1;
    }
  }

  static BufferedImage apply(BufferedImage img, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = orientation >= 5;
    AffineTransform t = switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
      default -> new AffineTransform(0, -1, 1, 0, 0, w);
    };
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, img.getType() == BufferedImage.TYPE_INT_ARGB
        ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(img, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
