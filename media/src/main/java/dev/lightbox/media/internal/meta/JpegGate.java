package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JPEG that metadata-extractor gets: its segments up to the image data (at most
 * {@link MetadataLimits#FILE_INFLATED} in all), less an EXIF block that
 * {@link ExifGuard} refuses, extended XMP that declares more than {@link MetadataLimits#SEGMENT} (the library
 * would allocate the declared size at once), and an ICC profile past that size or refused by {@link IccGuard}.
 */
final class JpegGate {
  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] XMP_EXTENSION = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

  private JpegGate() {
  }

  static byte[] filter(InputStream raw, List<String> warnings) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(in.readNBytes(2));
    long icc = 0;
    ByteArrayOutputStream iccSegments = new ByteArrayOutputStream();
    ByteArrayOutputStream iccData = new ByteArrayOutputStream();
    boolean extendedRefused = false;
    try {
      while (true) {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
          continue;
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xFF) {
          marker = in.readUnsignedByte();
        }
        if (marker == 0xDA || marker == 0xD9) {
          break;
        }
        if (marker == 0x01 || marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue;
        }
        int length = in.readUnsignedShort();
        byte[] body = in.readNBytes(Math.max(0, length - 2));
        if (marker == 0xE1 && startsWith(body, EXIF)) {
          ExifGuard.Verdict v = ExifGuard.check(ByteBuffer.wrap(body, EXIF.length, body.length - EXIF.length), "EXIF");
          if (v.warning() != null && !warnings.contains(v.warning())) {
            warnings.add(v.warning());
          }
          if (!v.keep()) {
            continue;
          }
        } else if (marker == 0xE1 && startsWith(body, XMP_EXTENSION) && body.length >= XMP_EXTENSION.length + 40) {
          long declared = ByteBuffer.wrap(body, XMP_EXTENSION.length + 32, 4).getInt() & 0xFFFFFFFFL;
          if (declared > MetadataLimits.SEGMENT) {
            if (!extendedRefused) {
              warnings.add("extended XMP declares " + declared + " bytes, more than "
                  + MetadataLimits.mib(MetadataLimits.SEGMENT) + "; it was not read (a metadata bomb?)");
            }
            extendedRefused = true;
            continue;
          }
        } else if (marker == 0xE2 && startsWith(body, ICC)) {
          icc += body.length;
          if (icc > MetadataLimits.SEGMENT) {
            warnings.add("the ICC profile is larger than " + MetadataLimits.mib(MetadataLimits.SEGMENT)
                + "; it was not read");
            icc = Long.MIN_VALUE; // warn once, refuse every later part
            continue;
          }
          if (icc >= 0) {
            iccSegments.write(0xFF);
            iccSegments.write(marker);
            iccSegments.write(length >> 8);
            iccSegments.write(length);
            iccSegments.write(body);
            iccData.write(body, Math.min(body.length, ICC.length + 2), Math.max(0, body.length - ICC.length - 2));
          }
          continue;
        }
        if (out.size() + iccSegments.size() + body.length > MetadataLimits.FILE_INFLATED) {
          warnings.add("JPEG metadata segments add up to more than " + MetadataLimits.mib(MetadataLimits.FILE_INFLATED)
              + "; the rest was not read (a metadata bomb?)");
          break;
        }
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length);
        out.write(body);
      }
    } catch (EOFException truncated) {
      // what came before the end is handed over; the library reports the truncation
    }
    if (iccSegments.size() > 0 && icc >= 0) {
      byte[] profile = iccData.toByteArray();
      String refused = IccGuard.check(profile, 0, profile.length, "JPEG");
      if (refused != null) {
        warnings.add(refused);
      } else {
        out.write(iccSegments.toByteArray()); // after the other segments: the library joins the parts in order
      }
    }
    out.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] body, byte[] prefix) {
    return body.length >= prefix.length && java.util.Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
  }
}
