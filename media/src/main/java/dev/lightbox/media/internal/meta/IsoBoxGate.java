package dev.lightbox.media.internal.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Checks the box tree of an ISO base media file (HEIC, AVIF) before metadata-extractor walks it: every box
 * within its parent, containers nested at most {@link MetadataLimits#BOX_DEPTH} deep, at most
 * {@link MetadataLimits#BOXES} boxes, boxes the library reads into memory within {@link MetadataLimits#BOX},
 * item locations ({@code iloc}) within the file, and ICC profiles ({@code colr}) that {@link IccGuard} accepts. The library allocates what a box declares, so a
 * structure that fails any of these is not given to it at all.
 */
final class IsoBoxGate {
  private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf", "udta",
      "edts", "iprp", "ipco", "grpl", "meta");
  private static final Set<String> BULK = Set.of("mdat", "idat", "free", "skip", "wide");

  private final FileChannel channel;
  private final long fileSize;
  private int boxes;

  private IsoBoxGate(FileChannel channel, long fileSize) {
    this.channel = channel;
    this.fileSize = fileSize;
  }

  /** Null when the file is within bounds, else a warning saying why its container metadata is not read. */
  static String check(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      IsoBoxGate gate = new IsoBoxGate(channel, channel.size());
      String problem = gate.walk(0, channel.size(), 0);
      return problem == null ? null : "HEIF/AVIF container metadata was not read: " + problem + " (a metadata bomb?)";
    }
  }

  private String walk(long from, long end, int depth) throws IOException {
    if (depth > MetadataLimits.BOX_DEPTH) {
      return "boxes are nested more than " + MetadataLimits.BOX_DEPTH + " deep";
    }
    long p = from;
    while (end - p >= 8) {
      if (++boxes > MetadataLimits.BOXES) {
        return "it has more than " + MetadataLimits.BOXES + " boxes";
      }
      ByteBuffer h = read(p, 16);
      long size = h.getInt(0) & 0xFFFFFFFFL;
      String type = new String(h.array(), 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1) {
        if (h.limit() < 16) {
          return "box '" + type + "' is cut short";
        }
        size = h.getLong(8);
        header = 16;
      } else if (size == 0) {
        size = end - p;
      }
      if (size < header || size > end - p) {
        return "box '" + type + "' declares " + Long.toUnsignedString(size) + " bytes, more than its container holds";
      }
      if (!BULK.contains(type) && !CONTAINERS.contains(type) && size > MetadataLimits.BOX) {
        return "box '" + type + "' has " + size + " bytes, more than " + MetadataLimits.mib(MetadataLimits.BOX);
      }
      if (CONTAINERS.contains(type)) {
        String inner = walk(p + header + (type.equals("meta") ? 4 : 0), p + size, depth + 1);
        if (inner != null) {
          return inner;
        }
      } else if (type.equals("colr") && size - header > 4) {
        ByteBuffer body = read(p + header, (int) (size - header));
        String kind = new String(body.array(), 0, 4, StandardCharsets.ISO_8859_1);
        String refused = kind.equals("prof") || kind.equals("rICC") ? IccGuard.check(body.position(4), "HEIF") : null;
        if (refused != null) {
          return refused.replace("; it was not read (a metadata bomb?)", "").replace("; it was not read", "");
        }
      } else if (type.equals("iloc")) {
        String bad = ItemLocations.check(read(p + header, (int) (size - header)), fileSize);
        if (bad != null) {
          return bad;
        }
      }
      p += size;
    }
    return null;
  }

  private ByteBuffer read(long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining() && channel.read(b, at + b.position()) > 0) {
      // fill
    }
    return b.flip();
  }
}
