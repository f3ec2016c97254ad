package dev.lightbox.media.internal.meta;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The WebP that metadata-extractor gets: the chunks it reads (VP8X, ANIM, the first bytes of the bitstream
 * for the size, EXIF, XMP, ICC), each within {@link MetadataLimits#SEGMENT} and within the file: a chunk
 * that declares more bytes than follow ends the walk, since the library would allocate the declared size.
 */
final class RiffGate {
  private static final int BITSTREAM_HEAD = 64;

  private RiffGate() {
  }

  static byte[] filter(InputStream raw, long fileSize, List<String> warnings) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] header = in.readNBytes(12);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    long position = 12;
    while (true) {
      byte[] head = in.readNBytes(8);
      if (head.length < 8) {
        break;
      }
      String fourcc = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
      long size = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
      long padded = size + (size & 1);
      position += 8;
      if (size > fileSize - position) {
        warnings.add("WebP chunk '" + fourcc.strip() + "' declares " + size + " bytes, more than the file holds;"
            + " metadata from there on was not read");
        break;
      }
      long keep = switch (fourcc) {
        case "VP8X", "ANIM" -> size <= 1024 ? size : 0;
        case "VP8 ", "VP8L" -> Math.min(size, BITSTREAM_HEAD);
        case "EXIF", "XMP ", "ICCP" -> size <= MetadataLimits.SEGMENT ? size : tooLarge(fourcc, size, warnings);
        default -> 0;
      };
      byte[] body = in.readNBytes((int) keep);
      boolean ended = false;
      try {
        in.skipNBytes(padded - keep);
      } catch (java.io.EOFException missingPadding) {
        ended = true;
      }
      position += padded;
      if (keep == 0 && !fourcc.equals("VP8X")) {
        if (ended) {
          break;
        }
        continue;
      }
      if (fourcc.equals("EXIF")) {
        int tiff = body.length >= 6 && body[0] == 'E' && body[1] == 'x' && body[4] == 0 ? 6 : 0;
        ExifGuard.Verdict v = ExifGuard.check(ByteBuffer.wrap(body, tiff, body.length - tiff), "WebP EXIF");
        if (v.warning() != null) {
          warnings.add(v.warning());
        }
        if (!v.keep()) {
          continue;
        }
      }
      if (fourcc.equals("ICCP")) {
        String refused = IccGuard.check(body, 0, body.length, "WebP");
        if (refused != null) {
          warnings.add(refused);
          continue;
        }
      }
      chunks.write(head, 0, 4);
      chunks.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
      chunks.writeBytes(body);
      if ((body.length & 1) != 0) {
        chunks.write(0);
      }
      if (ended) {
        break;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header, 0, Math.min(4, header.length));
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(chunks.size() + 4).array());
    out.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(chunks.toByteArray());
    return out.toByteArray();
  }

  private static long tooLarge(String fourcc, long size, List<String> warnings) {
    warnings.add("WebP " + fourcc.strip() + " chunk of " + MetadataLimits.mib(size) + " is larger than "
        + MetadataLimits.mib(MetadataLimits.SEGMENT) + "; it was not read");
    return 0;
  }
}
