package dev.lightbox.media.internal.meta;

import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.lightbox.media.PhotoMetadata;
import dev.lightbox.media.internal.ai.AiMetadataParser;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns metadata-extractor's directories into {@link PhotoFacts}. */
public final class PhotoFactsReader {
  /** Tag values longer than this are cut in the catalog JSON (AI texts are kept whole elsewhere). */
  private static final int MAX_TAG_CHARS = 2000;
  private static final List<String> SIZE_DIRECTORIES = List.of("JPEG", "PNG-IHDR", "WebP", "GIF Header", "HEIF",
      "Exif IFD0");

  private PhotoFactsReader() {
  }

  public static PhotoFacts read(Metadata metadata) {
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    int[] size = size(metadata);
    Integer orientationTag = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
    int orientation = orientationTag != null && orientationTag >= 1 && orientationTag <= 8 ? orientationTag : 1;
    CaptureTime.Result time = CaptureTime.of(ifd0, sub, gps);
    String make = clean(ifd0 == null ? null : ifd0.getString(ExifDirectoryBase.TAG_MAKE));
    String model = clean(ifd0 == null ? null : ifd0.getString(ExifDirectoryBase.TAG_MODEL));
    Map<String, String> aiTexts = new LinkedHashMap<>();
    if (make != null && make.length() > 64) {
      aiTexts.put(AiMetadataParser.EXIF_MAKE, make); // ComfyUI puts JSON here; it is not a camera make
      make = null;
    }
    if (model != null && model.length() > 64) {
      aiTexts.put(AiMetadataParser.EXIF_MODEL, model);
      model = null;
    }
    String comment = sub == null ? null : UserComment.decode(sub.getByteArray(ExifDirectoryBase.TAG_USER_COMMENT));
    if (comment != null) {
      aiTexts.put(AiMetadataParser.EXIF_USER_COMMENT, comment);
    }
    String lens = sub == null ? null : clean(sub.getString(ExifDirectoryBase.TAG_LENS_MODEL));
    Double lat = null;
    Double lon = null;
    Double alt = null;
    if (gps != null) {
      GeoLocation loc = gps.getGeoLocation();
      if (loc != null && !loc.isZero()) {
        lat = loc.getLatitude();
        lon = loc.getLongitude();
      }
      Rational a = gps.getRational(GpsDirectory.TAG_ALTITUDE);
      if (a != null && a.getDenominator() != 0) {
        Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
        alt = (ref != null && ref == 1 ? -1 : 1) * a.doubleValue();
      }
    }
    PhotoMetadata photo = make == null && model == null && lens == null && lat == null && alt == null
        && time.zone() == null ? null : new PhotoMetadata(make, model, lens, lat, lon, alt, time.zone());
    return new PhotoFacts(size[0], size[1], orientation, time.time(), photo, aiTexts, tags(metadata));
  }

  private static int[] size(Metadata metadata) {
    for (String name : SIZE_DIRECTORIES) {
      for (Directory d : metadata.getDirectories()) {
        if (!d.getName().equals(name)) {
          continue;
        }
        Integer w = null;
        Integer h = null;
        for (Tag t : d.getTags()) {
          if (t.getTagName().equals("Image Width")) {
            w = d.getInteger(t.getTagType());
          } else if (t.getTagName().equals("Image Height")) {
            h = d.getInteger(t.getTagType());
          }
        }
        if (w != null && h != null && w > 0 && h > 0) {
          return new int[] {w, h};
        }
      }
    }
    return new int[] {0, 0};
  }

  private static Map<String, Map<String, String>> tags(Metadata metadata) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Directory d : metadata.getDirectories()) {
      if (d.getName().matches("PNG-(tEXt|iTXt|zTXt)")) {
        continue; // kept whole in the "text" section
      }
      Map<String, String> values = out.computeIfAbsent(d.getName(), k -> new LinkedHashMap<>());
      for (Tag t : d.getTags()) {
        String v;
        try {
          v = t.getDescription();
        } catch (RuntimeException unreadable) {
          v = null;
        }
        if (v != null) {
          values.putIfAbsent(t.getTagName(), v.length() > MAX_TAG_CHARS ? v.substring(0, MAX_TAG_CHARS) + "…" : v);
        }
      }
      for (String error : d.getErrors()) {
        values.putIfAbsent("error", error);
      }
      if (values.isEmpty()) {
        out.remove(d.getName());
      }
    }
    return out;
  }

  static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replace("\0", "").strip();
    return t.isEmpty() ? null : t;
  }
}
