package dev.lightbox.media.internal.meta;

import com.drew.metadata.Directory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.GpsDirectory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * When a photo was taken. EXIF stores local time; its offset comes from OffsetTimeOriginal, else from the
 * difference to the GPS (UTC) time rounded to 15 minutes. Without either the local time is given at UTC and
 * {@code zone} is null, so callers can tell a known offset from a placeholder.
 */
final class CaptureTime {
  record Result(OffsetDateTime time, String zone) {
  }

  private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

  private CaptureTime() {
  }

  static Result of(Directory ifd0, Directory sub, GpsDirectory gps) {
    LocalDateTime local = parse(sub, ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
    int offsetTag = ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL;
    if (local == null) {
      local = parse(sub, ExifDirectoryBase.TAG_DATETIME_DIGITIZED);
      offsetTag = ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED;
    }
    if (local == null) {
      local = parse(ifd0, ExifDirectoryBase.TAG_DATETIME);
      offsetTag = ExifDirectoryBase.TAG_TIME_ZONE;
    }
    if (local == null) {
      return new Result(null, null);
    }
    ZoneOffset offset = offset(sub == null ? null : sub.getString(offsetTag));
    if (offset == null) {
      offset = fromGps(local, gps);
    }
    return offset == null
        ? new Result(local.atOffset(ZoneOffset.UTC), null)
        : new Result(local.atOffset(offset), offset.getId().equals("Z") ? "+00:00" : offset.getId());
  }

  private static LocalDateTime parse(Directory d, int tag) {
    String s = d == null ? null : PhotoFactsReader.clean(d.getString(tag));
    if (s == null || s.length() < 19) {
      return null;
    }
    try {
      return LocalDateTime.parse(s.substring(0, 19), EXIF);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  private static ZoneOffset offset(String s) {
    if (s == null) {
      return null;
    }
    try {
      return ZoneOffset.of(s.strip());
    } catch (RuntimeException notAnOffset) {
      return null;
    }
  }

  private static ZoneOffset fromGps(LocalDateTime local, GpsDirectory gps) {
    Date utc = gps == null ? null : gps.getGpsDate();
    if (utc == null) {
      return null;
    }
    long minutes = Duration.between(utc.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime(), local).toMinutes();
    long rounded = Math.round(minutes / 15.0) * 15;
    if (Math.abs(rounded) > 14 * 60) {
      return null; // clocks too far apart to trust
    }
    return ZoneOffset.ofTotalSeconds((int) rounded * 60);
  }
}
