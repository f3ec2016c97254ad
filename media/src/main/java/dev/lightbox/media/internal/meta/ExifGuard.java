package dev.lightbox.media.internal.meta;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks the directories (IFDs) of an EXIF or TIFF structure before metadata-extractor does, following the
 * same links (next IFD, EXIF, GPS, interoperability, SubIFDs) and counting what it would build: too many
 * directories or entries, one value larger than {@link MetadataLimits#SEGMENT}, or an embedded ICC profile
 * that {@link IccGuard} refuses, and the structure is refused. A loop is reported but not refused: the library reads each directory once.
 */
final class ExifGuard {
  /** InterColorProfile: an ICC profile, checked by {@link IccGuard}. */
  private static final int ICC_PROFILE = 0x8773;
  private static final Set<Integer> POINTER_TAGS = Set.of(0x8769, 0x8825, 0xA005, 0x014A);

  record Verdict(boolean keep, String warning) {
    static final Verdict OK = new Verdict(true, null);
  }

  private ExifGuard() {
  }

  /** {@code tiff} starts at the TIFF header ("II" or "MM"). */
  static Verdict check(ByteBuffer tiff, String where) {
    ByteBuffer b = tiff.slice();
    if (b.remaining() < 8) {
      return Verdict.OK;
    }
    if (b.get(0) == 'I' && b.get(1) == 'I') {
      b.order(ByteOrder.LITTLE_ENDIAN);
    } else if (b.get(0) == 'M' && b.get(1) == 'M') {
      b.order(ByteOrder.BIG_ENDIAN);
    } else {
      return Verdict.OK; // not TIFF: the library reports it
    }
    Deque<Long> pending = new ArrayDeque<>();
    pending.add(b.getInt(4) & 0xFFFFFFFFL);
    Set<Long> seen = new HashSet<>();
    int directories = 0;
    long entries = 0;
    boolean loop = false;
    while (!pending.isEmpty()) {
      long at = pending.poll();
      if (at == 0 || at + 2 > b.limit()) {
        continue;
      }
      if (!seen.add(at)) {
        loop = true;
        continue;
      }
      if (++directories > MetadataLimits.IFDS) {
        return refuse(where, "has more than " + MetadataLimits.IFDS + " directories");
      }
      int count = b.getShort((int) at) & 0xFFFF;
      entries += count;
      if (entries > MetadataLimits.IFD_ENTRIES) {
        return refuse(where, "has more than " + MetadataLimits.IFD_ENTRIES + " entries");
      }
      for (int i = 0; i < count; i++) {
        long e = at + 2 + 12L * i;
        if (e + 12 > b.limit()) {
          break;
        }
        int tag = b.getShort((int) e) & 0xFFFF;
        long valueBytes = (b.getInt((int) e + 4) & 0xFFFFFFFFL) * typeSize(b.getShort((int) e + 2) & 0xFFFF);
        if (valueBytes > MetadataLimits.SEGMENT) {
          return refuse(where, "has a tag (0x" + Integer.toHexString(tag) + ") of " + valueBytes + " bytes, more than "
              + MetadataLimits.mib(MetadataLimits.SEGMENT));
        }
        if (tag == ICC_PROFILE && valueBytes > 4) {
          long offset = b.getInt((int) e + 8) & 0xFFFFFFFFL;
          String refused = offset + valueBytes > b.limit() ? null
              : IccGuard.check(b.slice((int) offset, (int) valueBytes), where);
          if (refused != null) {
            return new Verdict(false, refused);
          }
        }
        if (POINTER_TAGS.contains(tag)) {
          long pointers = valueBytes / 4;
          long from = pointers <= 1 ? e + 8 : b.getInt((int) e + 8) & 0xFFFFFFFFL;
          for (long p = 0; p < Math.min(pointers, MetadataLimits.IFDS) && from + 4 * p + 4 <= b.limit(); p++) {
            pending.add(b.getInt((int) (from + 4 * p)) & 0xFFFFFFFFL);
          }
        }
      }
      long next = at + 2 + 12L * count;
      if (next + 4 <= b.limit()) {
        pending.add(b.getInt((int) next) & 0xFFFFFFFFL);
      }
    }
    return loop ? new Verdict(true, where + " directories point back at each other (a loop); each was read once")
        : Verdict.OK;
  }

  private static Verdict refuse(String where, String why) {
    return new Verdict(false, where + " " + why + "; it was not read (a metadata bomb?)");
  }

  private static long typeSize(int type) {
    return switch (type) {
      case 3, 8 -> 2;
      case 4, 9, 11, 13 -> 4;
      case 5, 10, 12 -> 8;
      default -> 1;
    };
  }
}
