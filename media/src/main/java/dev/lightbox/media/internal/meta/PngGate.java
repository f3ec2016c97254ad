package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The PNG that metadata-extractor gets: the header and the small chunks it reads, XMP and raw-profile text,
 * ICC profile and EXIF, each only when it fits {@link MetadataLimits} (compressed ones are inflated and
 * counted first, within the file's {@link InflateBudget}). Image data and other text, which Lightbox reads
 * itself ({@link PngChunkReader}), are left out, so the library never inflates anything unbounded.
 */
final class PngGate {
  private static final Set<String> SMALL = Set.of("IHDR", "PLTE", "tRNS", "cHRM", "sRGB", "gAMA", "bKGD", "tIME",
      "pHYs", "sBIT");
  private static final int SMALL_MAX = 64 * 1024;

  private PngGate() {
  }

  static byte[] filter(InputStream raw, InflateBudget budget, List<String> warnings) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(in.readNBytes(8));
    while (true) {
      int length;
      byte[] type;
      try {
        length = in.readInt();
        type = in.readNBytes(4);
      } catch (EOFException end) {
        break;
      }
      String name = new String(type, StandardCharsets.ISO_8859_1);
      long bodyAndCrc = (length & 0xFFFFFFFFL) + 4;
      boolean keep = length >= 0 && (SMALL.contains(name) && length <= SMALL_MAX || isMetadata(name));
      if (name.equals("IEND") || type.length < 4) {
        break;
      }
      long toSkip = bodyAndCrc;
      if (keep && length > MetadataLimits.SEGMENT) {
        byte[] head = in.readNBytes(80);
        toSkip -= head.length;
        String keyword = keyword(head, head.length);
        if (name.equals("iCCP") || name.equals("eXIf") || forLibrary(keyword)) {
          warnings.add("PNG " + name + " chunk" + (name.equals("eXIf") ? "" : " '" + keyword + "'") + " of "
              + MetadataLimits.mib(length) + " is larger than " + MetadataLimits.mib(MetadataLimits.SEGMENT)
              + "; it was not read");
        }
        keep = false;
      }
      if (!keep) {
        try {
          in.skipNBytes(toSkip);
        } catch (EOFException truncated) {
          break;
        }
        continue;
      }
      byte[] body = in.readNBytes(length + 4);
      if (body.length < length + 4) {
        break;
      }
      if (!wanted(name, body, length, budget, warnings)) {
        continue;
      }
      if (out.size() + body.length > MetadataLimits.FILE_INFLATED) {
        warnings.add("PNG " + name + " chunk was not read: the metadata kept for this file already takes "
            + MetadataLimits.mib(out.size()) + " (a metadata bomb?)");
        continue;
      }
      out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
      out.writeBytes(type);
      out.writeBytes(body);
    }
    out.writeBytes(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82});
    return out.toByteArray();
  }

  private static boolean isMetadata(String name) {
    return Set.of("tEXt", "zTXt", "iTXt", "iCCP", "eXIf").contains(name);
  }

  private static boolean wanted(String name, byte[] body, int length, InflateBudget budget, List<String> warnings) {
    if (SMALL.contains(name)) {
      return true;
    }
    if (name.equals("eXIf")) {
      ExifGuard.Verdict v = ExifGuard.check(ByteBuffer.wrap(body, 0, length), "PNG EXIF");
      if (v.warning() != null) {
        warnings.add(v.warning());
      }
      return v.keep();
    }
    String keyword = keyword(body, length);
    int nul = keyword.length();
    if (!name.equals("iCCP") && !forLibrary(keyword)) {
      return false; // plain text: PngChunkReader reads it, within its own bounds
    }
    int compressedAt = switch (name) {
      case "zTXt", "iCCP" -> nul + 2;
      case "iTXt" -> nul + 1 < length && body[nul + 1] != 0 ? textStart(body, nul + 3, length) : -1;
      default -> -1;
    };
    if (compressedAt < 0 || compressedAt > length) {
      return true; // stored uncompressed, and already within SEGMENT
    }
    int cap = budget.allowance(MetadataLimits.SEGMENT, 2);
    long size = BoundedInflater.inflatedSize(body, compressedAt, length - compressedAt, cap);
    budget.spend(size < 0 ? cap : 2 * size); // counted here, inflated again by the library
    if (size < 0) {
      warnings.add("PNG " + name + " chunk" + (keyword.isEmpty() ? "" : " '" + keyword + "'")
          + " is bad or inflates to more than " + MetadataLimits.mib(cap) + "; it was not read (a decompression bomb?)");
      return false;
    }
    if (name.equals("iCCP")) {
      return iccKept(body, compressedAt, length, (int) size, warnings);
    }
    return true;
  }

  /** Inflates the profile (already known to fit) to check its tag table with {@link IccGuard}. */
  private static boolean iccKept(byte[] body, int at, int length, int size, List<String> warnings) {
    String refused;
    try {
      byte[] profile = BoundedInflater.inflate(body, at, length - at, Math.max(size, 1));
      refused = IccGuard.check(profile, 0, profile.length, "PNG");
    } catch (java.util.zip.DataFormatException e) {
      refused = "PNG ICC profile is bad (" + e.getMessage() + "); it was not read";
    }
    if (refused != null) {
      warnings.add(refused);
    }
    return refused == null;
  }

  /** Text that metadata-extractor turns into XMP, EXIF or ICC directories. */
  private static boolean forLibrary(String keyword) {
    return keyword.equals("XML:com.adobe.xmp") || keyword.startsWith("Raw profile type");
  }

  private static String keyword(byte[] body, int length) {
    int nul = 0;
    while (nul < length && nul < 80 && body[nul] != 0) {
      nul++;
    }
    return new String(body, 0, nul, StandardCharsets.ISO_8859_1);
  }

  /** iTXt: past the language tag and the translated keyword, both NUL-terminated. */
  private static int textStart(byte[] body, int from, int length) {
    int nuls = 0;
    for (int i = from; i < length; i++) {
      if (body[i] == 0 && ++nuls == 2) {
        return i + 1;
      }
    }
    return -1;
  }
}
