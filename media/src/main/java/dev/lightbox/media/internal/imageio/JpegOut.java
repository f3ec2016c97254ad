package dev.lightbox.media.internal.imageio;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes a baseline JPEG at a given quality (1-100) with ImageIO. */
final class JpegOut {
  private JpegOut() {
  }

  static void write(BufferedImage rgb, int quality, Path out) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream os = ImageIO.createImageOutputStream(out.toFile())) {
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(Math.max(1, Math.min(100, quality)) / 100f);
      writer.setOutput(os);
      writer.write(null, new IIOImage(rgb, null, null), p);
    } finally {
      writer.dispose();
    }
  }
}
