package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The GIF that metadata-extractor gets: header, screen descriptor and colour table, each extension (XMP and
 * other application data, comments, graphic control) only when its sub-blocks add up to at most
 * {@link MetadataLimits#SEGMENT}, and each image descriptor without its pixel data. The library would gather
 * an extension's sub-blocks into one array whatever their total, so a GIF of 200 MB of XMP would reach the
 * heap; here an extension is read in 255-byte steps and dropped once it grows past the limit.
 */
final class GifGate {
  private GifGate() {
  }

  static byte[] filter(InputStream in, List<String> warnings) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = in.readNBytes(13);
    out.writeBytes(head);
    if (head.length < 13) {
      return out.toByteArray();
    }
    if ((head[10] & 0x80) != 0) {
      out.writeBytes(in.readNBytes(3 << ((head[10] & 7) + 1)));
    }
    long kept = 0;
    for (int blocks = 0; ; blocks++) {
      int introducer = in.read();
      if (introducer != 0x21 && introducer != 0x2C) {
        break; // trailer, end of file or garbage: the library stops there too
      }
      if (blocks >= MetadataLimits.BOXES) {
        warnings.add("GIF has more than " + MetadataLimits.BOXES + " blocks; metadata after them was not read");
        break;
      }
      if (introducer == 0x2C) {
        byte[] descriptor = in.readNBytes(9);
        out.write(introducer);
        out.writeBytes(descriptor);
        if (descriptor.length < 9) {
          break;
        }
        if ((descriptor[8] & 0x80) != 0) {
          out.writeBytes(in.readNBytes(3 << ((descriptor[8] & 7) + 1)));
        }
        out.write(in.read()); // LZW minimum code size
        if (!skipSubBlocks(in)) {
          break;
        }
        out.write(0); // no pixel data: the library only skips it
        continue;
      }
      int label = in.read();
      if (label < 0) {
        break;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      long size = 0;
      boolean complete = false;
      while (true) {
        int n = in.read();
        if (n <= 0) {
          complete = n == 0;
          break;
        }
        byte[] sub = in.readNBytes(n);
        size += sub.length;
        if (sub.length < n) {
          break;
        }
        if (size <= MetadataLimits.SEGMENT && kept + size <= MetadataLimits.FILE_INFLATED) {
          body.write(n);
          body.writeBytes(sub);
        } else if (body.size() > 0) {
          body = new ByteArrayOutputStream(); // past the limit: counted from here on, not kept
        }
      }
      if (size > MetadataLimits.SEGMENT || kept + size > MetadataLimits.FILE_INFLATED) {
        warnings.add("GIF " + kind(label) + " of " + MetadataLimits.mib(size) + " is larger than "
            + MetadataLimits.mib(Math.min(MetadataLimits.SEGMENT, MetadataLimits.FILE_INFLATED - kept))
            + "; it was not read");
      } else {
        kept += size;
        out.write(0x21);
        out.write(label);
        out.writeBytes(body.toByteArray());
        out.write(0);
      }
      if (!complete) {
        break;
      }
    }
    out.write(0x3B);
    return out.toByteArray();
  }

  /** Skips data sub-blocks up to their terminator; false when the file ends first. */
  private static boolean skipSubBlocks(InputStream in) throws IOException {
    while (true) {
      int n = in.read();
      if (n <= 0) {
        return n == 0;
      }
      try {
        in.skipNBytes(n);
      } catch (java.io.EOFException truncated) {
        return false;
      }
    }
  }

  private static String kind(int label) {
    return switch (label) {
      case 0xFE -> "comment";
      case 0xFF -> "application extension (XMP or other)";
      case 0xF9 -> "graphic control extension";
      default -> "extension 0x" + Integer.toHexString(label);
    };
  }
}
