package dev.lightbox.media.internal.meta;

import dev.lightbox.media.internal.MediaFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What metadata-extractor may read of a file, decided before it reads anything: a filtered copy of the
 * metadata (PNG, JPEG, WebP, GIF) or the file itself once its structure was checked (TIFF, HEIF, AVIF), or
 * nothing when the structure is out of bounds. What is left out becomes a warning.
 */
final class MetadataGate {
  /** The bytes for the library and their length; null when it must not read this file at all. */
  record Input(InputStream stream, long length) {
  }

  private MetadataGate() {
  }

  static Input open(Path file, MediaFormat format, InflateBudget budget, List<String> warnings) throws IOException {
    byte[] filtered;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      filtered = switch (format) {
        case PNG -> PngGate.filter(in, budget, warnings);
        case JPEG -> JpegGate.filter(in, warnings);
        case WEBP -> RiffGate.filter(in, Files.size(file), warnings);
        case GIF -> GifGate.filter(in, warnings);
        default -> null;
      };
    }
    if (filtered != null) {
      BplistGuard.deface(filtered);
      return new Input(new ByteArrayInputStream(filtered), filtered.length);
    }
    boolean kept = switch (format) {
      case HEIC, AVIF -> {
        String problem = IsoBoxGate.check(file);
        if (problem != null) {
          warnings.add(problem);
        }
        yield problem == null;
      }
      case TIFF -> tiffKept(file, warnings);
      default -> true;
    };
    if (!kept) {
      return null;
    }
    return new Input(BplistGuard.open(file), Files.size(file));
  }

  private static boolean tiffKept(Path file, List<String> warnings) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = Math.min(channel.size(), Integer.MAX_VALUE);
      ExifGuard.Verdict v = ExifGuard.check(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), "TIFF");
      if (v.warning() != null) {
        warnings.add(v.warning());
      }
      return v.keep();
    }
  }
}
