package dev.lightbox.media.internal.meta;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;
import dev.lightbox.media.Sidecars;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An XMP sidecar ({@code name.xmp}, {@code name.ext.xmp}) read with metadata-extractor's XMP reader, the one
 * that reads XMP inside images (Adobe XMPCore: DOCTYPE refused, so no entities, internal or external), after
 * the caller bounded it to {@link MetadataLimits#SEGMENT}. Rating, title, description, keywords and the
 * capture date; a packet that does not parse gives null and a warning.
 */
public final class XmpSidecar {
  private static final int MAX_KEYWORDS = 500;
  private static final int MAX_TEXT = 4000;

  private XmpSidecar() {
  }

  public static Sidecars.Xmp read(byte[] bytes, List<String> warnings) {
    if (bytes.length > MetadataLimits.SEGMENT) {
      warnings.add("the XMP sidecar is larger than " + MetadataLimits.mib(MetadataLimits.SEGMENT) + "; not read");
      return null;
    }
    XMPMeta meta;
    try {
      Metadata metadata = new Metadata();
      new XmpReader().extract(bytes, metadata);
      XmpDirectory dir = metadata.getFirstDirectoryOfType(XmpDirectory.class);
      meta = dir == null ? null : dir.getXMPMeta();
      if (dir != null && dir.hasErrors()) {
        warnings.add("the XMP sidecar could not be read: " + dir.getErrors().iterator().next());
        return null;
      }
    } catch (RuntimeException | StackOverflowError e) {
      warnings.add("the XMP sidecar could not be read: " + ImageFactsReader.describe(e));
      return null;
    }
    if (meta == null) {
      warnings.add("the XMP sidecar holds no XMP packet");
      return null;
    }
    return new Sidecars.Xmp(rating(meta), localized(meta, "title"), localized(meta, "description"),
        keywords(meta), captureTime(meta));
  }

  private static Integer rating(XMPMeta meta) {
    String v = string(meta, XMPConst.NS_XMP, "Rating");
    if (v == null) {
      return null;
    }
    try {
      int r = (int) Math.round(Double.parseDouble(v.strip()));
      return r >= -1 && r <= 5 ? r : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String localized(XMPMeta meta, String name) {
    try {
      XMPProperty p = meta.getLocalizedText(XMPConst.NS_DC, name, null, XMPConst.X_DEFAULT);
      return p == null ? null : cut(p.getValue());
    } catch (XMPException | RuntimeException e) {
      return cut(string(meta, XMPConst.NS_DC, name));
    }
  }

  private static List<String> keywords(XMPMeta meta) {
    List<String> out = new ArrayList<>();
    try {
      int n = meta.doesPropertyExist(XMPConst.NS_DC, "subject") ? meta.countArrayItems(XMPConst.NS_DC, "subject") : 0;
      for (int i = 1; i <= Math.min(n, MAX_KEYWORDS); i++) {
        XMPProperty p = meta.getArrayItem(XMPConst.NS_DC, "subject", i);
        String v = p == null ? null : cut(p.getValue());
        if (v != null && !out.contains(v)) {
          out.add(v);
        }
      }
    } catch (XMPException | RuntimeException e) {
      String single = cut(string(meta, XMPConst.NS_DC, "subject"));
      if (single != null) {
        out.add(single);
      }
    }
    return out;
  }

  private static OffsetDateTime captureTime(XMPMeta meta) {
    for (String[] p : new String[][] {{XMPConst.NS_PHOTOSHOP, "DateCreated"},
        {XMPConst.NS_EXIF, "DateTimeOriginal"}, {XMPConst.NS_XMP, "CreateDate"}}) {
      OffsetDateTime t = date(string(meta, p[0], p[1]));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** XMP dates are ISO 8601, often without seconds or offset; without an offset the time is given at UTC. */
  static OffsetDateTime date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String v = s.strip();
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException ignored) {
      // try the shorter forms
    }
    try {
      return LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // a date alone?
    }
    try {
      return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String string(XMPMeta meta, String ns, String name) {
    try {
      return meta.getPropertyString(ns, name);
    } catch (XMPException | RuntimeException e) {
      return null;
    }
  }

  private static String cut(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "…" : t;
  }
}
