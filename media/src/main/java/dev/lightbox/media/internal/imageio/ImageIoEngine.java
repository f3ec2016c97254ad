package dev.lightbox.media.internal.imageio;

import dev.lightbox.media.MediaException;
import dev.lightbox.media.RenditionSpec;
import dev.lightbox.media.internal.ImageEngine;
import dev.lightbox.media.internal.NativeJobs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The pure-Java engine (ImageIO with the TwelveMonkeys JPEG, WebP and TIFF readers), used when libvips is
 * missing. It subsamples large images while decoding, applies EXIF orientation, converts to sRGB and writes
 * JPEG with ImageIO and WebP with {@link WebpLosslessWriter}. It cannot read HEIC or AVIF.
 */
public final class ImageIoEngine implements ImageEngine {
  static {
    ImageIO.scanForPlugins();
    ImageIO.setUseCache(false);
  }

  private final NativeJobs jobs;
  private final long maxPixels;

  public ImageIoEngine(Duration timeout, long maxPixels) {
    this.jobs = new NativeJobs("lightbox-imageio", timeout);
    this.maxPixels = maxPixels;
  }

  @Override
  public String name() {
    return "imageio";
  }

  @Override
  public int[] header(Path file, String fileName) {
    return jobs.run(fileName, "reading the image header", () -> {
      try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
        ImageReader reader = readerFor(in, fileName);
        try {
          return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } finally {
          reader.dispose();
        }
      }
    }, () -> { });
  }

  @Override
  public int[] render(Path file, String fileName, RenditionSpec spec, Path out) {
    ImageReader[] current = new ImageReader[1];
    return jobs.run(fileName, "making the " + spec.kind().name().toLowerCase(java.util.Locale.ROOT), () -> {
      BufferedImage decoded;
      try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
        ImageReader reader = readerFor(in, fileName);
        synchronized (current) {
          current[0] = reader;
        }
        try {
          decoded = decode(reader, fileName, spec.maxSize());
        } finally {
          reader.dispose();
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof MediaException me) {
          throw me;
        }
        throw new MediaException(MediaException.Kind.CORRUPT, fileName,
            "the image could not be decoded (" + e.getMessage() + ")", e);
      }
      int orientation = Orientation.read(file);
      BufferedImage done = Orientation.apply(Scaling.fit(Scaling.toSrgb(decoded), spec.maxSize()), orientation);
      writeOut(done, spec, out);
      return new int[] {done.getWidth(), done.getHeight()};
    }, () -> {
      synchronized (current) {
        if (current[0] != null) {
          current[0].abort();
        }
      }
    });
  }

  private BufferedImage decode(ImageReader reader, String fileName, int box) throws IOException {
    int w = reader.getWidth(0);
    int h = reader.getHeight(0);
    if ((long) w * h > maxPixels) {
      throw new MediaException(MediaException.Kind.TOO_LARGE, fileName, "declares " + ((long) w * h)
          + " pixels, more than the limit of " + maxPixels + " (MediaConfig.maxPixels); it was not decoded");
    }
    ImageReadParam param = reader.getDefaultReadParam();
    int step = (int) Math.max(1, Math.min(w, h) >= 2 ? Math.max(w, h) / (2L * box) : 1);
    param.setSourceSubsampling(step, step, 0, 0);
    boolean[] truncated = new boolean[1];
    reader.addIIOReadWarningListener((source, warning) -> truncated[0] |= warning.toLowerCase(java.util.Locale.ROOT)
        .contains("premature"));
    BufferedImage img = reader.read(0, param);
    if (truncated[0]) {
      throw new MediaException(MediaException.Kind.CORRUPT, fileName, "the image data is truncated");
    }
    return img;
  }

  private static ImageReader readerFor(ImageInputStream in, String fileName) {
    Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new MediaException(MediaException.Kind.UNSUPPORTED_FORMAT, fileName,
          "the pure-Java engine cannot read this format; install libvips (Debian package libvips42) for HEIC/AVIF");
    }
    ImageReader reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }

  private static void writeOut(BufferedImage img, RenditionSpec spec, Path out) throws IOException {
    if (spec.format() == RenditionSpec.Format.WEBP) {
      int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
      Files.write(out, WebpLosslessWriter.encode(argb, img.getWidth(), img.getHeight()));
    } else {
      JpegOut.write(Scaling.flattenOnWhite(img), spec.quality(), out);
    }
  }

  @Override
  public void close() {
    jobs.close();
  }
}
