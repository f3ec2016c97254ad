package dev.lightbox.server.downloads.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The byte layout of the archives we write (APPNOTE.TXT 6.3.10), in one place so that the writer and the
 * length computed in advance cannot disagree. Every entry is STORED (method 0) with general purpose bits 3
 * (CRC in a data descriptor after the data, since it is computed while streaming) and 11 (UTF-8 name):
 * <ul>
 *   <li>local header: CRC 0, the real sizes (known from the catalog; readers of bit-3 entries take the
 *       descriptor's or the central directory's values, streaming readers can use these); an entry of
 *       4 GiB - 1 bytes or more ("large") has 0xFFFFFFFF there and a ZIP64 extra field with both sizes;
 *       an extended-timestamp extra field (0x5455) with the modification time when it fits in 32 bits;
 *   <li>data descriptor with its signature: CRC and sizes, 8-byte sizes for a large entry (4.3.9.2: the
 *       local header had a ZIP64 extra field);
 *   <li>central directory: made by Unix, mode 0644; a ZIP64 extra field holding exactly the fields set to
 *       0xFFFFFFFF (sizes of a large entry, an offset at 4 GiB - 1 or beyond), then the timestamp;
 *   <li>a ZIP64 end record and locator before the end record when there are 65,535 entries or more or the
 *       directory's size or offset reach 4 GiB - 1; the end record then has 0xFFFF/0xFFFFFFFF in the
 *       fields that overflow.
 * </ul>
 */
public final class ZipLayout {
  static final long MAGIC32 = 0xFFFFFFFFL;
  static final int MAGIC16 = 0xFFFF;
  static final int LOCAL_SIG = 0x04034b50;
  static final int DESCRIPTOR_SIG = 0x08074b50;
  static final int CENTRAL_SIG = 0x02014b50;
  static final int ZIP64_END_SIG = 0x06064b50;
  static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  static final int END_SIG = 0x06054b50;
  static final int FLAGS = 0x0008 | 0x0800;
  static final int VERSION_MADE_BY = (3 << 8) | 45; // Unix, 4.5
  static final int VERSION_PLAIN = 20;
  static final int VERSION_ZIP64 = 45;
  static final int EXTERNAL_ATTRIBUTES = 0100644 << 16; // regular file, rw-r--r--
  static final int LOCAL_FIXED = 30;
  static final int CENTRAL_FIXED = 46;
  static final int ZIP64_END_SIZE = 56;
  static final int ZIP64_LOCATOR_SIZE = 20;
  static final int END_SIZE = 22;
  /** The extended timestamp in a local header: tag, size, flags, mtime. */
  static final int TIME_EXTRA = 9;
  private static final long DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long DOS_END = LocalDateTime.of(2107, 12, 31, 23, 59, 58).toEpochSecond(ZoneOffset.UTC);

  private ZipLayout() {
  }

  static boolean large(long size) {
    return size >= MAGIC32;
  }

  static boolean hasTime(long epochSecond) {
    return epochSecond >= 0 && epochSecond <= Integer.MAX_VALUE;
  }

  static int localHeaderSize(int nameLength, long size, long epochSecond) {
    return LOCAL_FIXED + nameLength + (large(size) ? 20 : 0) + (hasTime(epochSecond) ? TIME_EXTRA : 0);
  }

  static int descriptorSize(long size) {
    return large(size) ? 24 : 16;
  }

  static int centralZip64Extra(long size, long offset) {
    int fields = (large(size) ? 2 : 0) + (offset >= MAGIC32 ? 1 : 0);
    return fields == 0 ? 0 : 4 + 8 * fields;
  }

  static int centralEntrySize(int nameLength, long size, long offset, long epochSecond) {
    return CENTRAL_FIXED + nameLength + centralZip64Extra(size, offset) + (hasTime(epochSecond) ? 9 : 0);
  }

  static boolean zip64End(long entries, long centralSize, long centralOffset) {
    return entries >= MAGIC16 || centralSize >= MAGIC32 || centralOffset >= MAGIC32;
  }

  static int endSize(long entries, long centralSize, long centralOffset) {
    return (zip64End(entries, centralSize, centralOffset) ? ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE : 0) + END_SIZE;
  }

  /** The exact number of bytes of the archive of these entries, as {@link StreamingZipWriter} writes it. */
  public static long archiveLength(List<ZipEntrySpec> entries) {
    long offset = 0;
    long central = 0;
    for (ZipEntrySpec e : entries) {
      int nameLength = e.nameBytes().length;
      central += centralEntrySize(nameLength, e.size(), offset, e.modifiedEpochSecond());
      offset += localHeaderSize(nameLength, e.size(), e.modifiedEpochSecond()) + e.size() + descriptorSize(e.size());
    }
    return offset + central + endSize(entries.size(), central, offset);
  }

  /** MS-DOS date (high 16 bits) and time (low 16 bits) in UTC, clamped to the years 1980 to 2107. */
  static int dosDateTime(long epochSecond) {
    long clamped = Math.clamp(epochSecond, DOS_EPOCH, DOS_END);
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(clamped), ZoneOffset.UTC);
    int date = ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    return (date << 16) | time;
  }
}
