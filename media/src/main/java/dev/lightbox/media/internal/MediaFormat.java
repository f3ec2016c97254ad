package dev.lightbox.media.internal;

import dev.lightbox.media.MediaAnalysis;
import java.nio.charset.StandardCharsets;

/** A container format recognised from a file's first bytes (never from its name). */
public enum MediaFormat {
  JPEG("image/jpeg", MediaAnalysis.Kind.IMAGE),
  PNG("image/png", MediaAnalysis.Kind.IMAGE),
  WEBP("image/webp", MediaAnalysis.Kind.IMAGE),
  GIF("image/gif", MediaAnalysis.Kind.IMAGE),
  TIFF("image/tiff", MediaAnalysis.Kind.IMAGE),
  HEIC("image/heic", MediaAnalysis.Kind.IMAGE),
  AVIF("image/avif", MediaAnalysis.Kind.IMAGE),
  MP4("video/mp4", MediaAnalysis.Kind.VIDEO),
  MOV("video/quicktime", MediaAnalysis.Kind.VIDEO),
  WEBM("video/webm", MediaAnalysis.Kind.VIDEO),
  MATROSKA("video/x-matroska", MediaAnalysis.Kind.VIDEO),
  UNKNOWN("application/octet-stream", null);

  /** How many leading bytes {@link #sniff} wants. */
  public static final int HEAD_BYTES = 64;

  private final String mimeType;
  private final MediaAnalysis.Kind kind;

  MediaFormat(String mimeType, MediaAnalysis.Kind kind) {
    this.mimeType = mimeType;
    this.kind = kind;
  }

  public String mimeType() {
    return mimeType;
  }

  public MediaAnalysis.Kind kind() {
    return kind;
  }

  public static MediaFormat sniff(byte[] h) {
    if (startsWith(h, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
      return GIF;
    }
    if (startsWith(h, 0, 'I', 'I', 42, 0) || startsWith(h, 0, 'M', 'M', 0, 42)) {
      return TIFF;
    }
    if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
      return WEBP;
    }
    if (startsWith(h, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return indexOf(h, "webm") >= 0 ? WEBM : MATROSKA;
    }
    if (ascii(h, 4, "ftyp")) {
      return isoBrand(h);
    }
    if (ascii(h, 4, "moov") || ascii(h, 4, "mdat") || ascii(h, 4, "wide") || ascii(h, 4, "pnot")) {
      return MOV; // QuickTime files from before ftyp existed
    }
    return UNKNOWN;
  }

  private static MediaFormat isoBrand(byte[] h) {
    if (h.length < 12) {
      return UNKNOWN;
    }
    String major = new String(h, 8, 4, StandardCharsets.ISO_8859_1);
    int boxEnd = (int) Math.min(h.length, readInt(h, 0));
    String brands = major + (boxEnd > 16 ? new String(h, 16, boxEnd - 16, StandardCharsets.ISO_8859_1) : "");
    if (major.equals("avif") || major.equals("avis")) {
      return AVIF;
    }
    if (major.startsWith("hei") || major.startsWith("hev") || major.equals("heim") || major.equals("heis")) {
      return HEIC;
    }
    if (major.equals("mif1") || major.equals("msf1")) {
      return brands.contains("avif") ? AVIF : HEIC;
    }
    return major.equals("qt  ") ? MOV : MP4;
  }

  private static long readInt(byte[] h, int at) {
    return ((h[at] & 0xFFL) << 24) | ((h[at + 1] & 0xFF) << 16) | ((h[at + 2] & 0xFF) << 8) | (h[at + 3] & 0xFF);
  }

  private static boolean startsWith(byte[] h, int at, int... bytes) {
    if (h.length < at + bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((h[at + i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] h, int at, String s) {
    return h.length >= at + s.length() && new String(h, at, s.length(), StandardCharsets.ISO_8859_1).equals(s);
  }

  private static int indexOf(byte[] h, String s) {
    return new String(h, StandardCharsets.ISO_8859_1).indexOf(s);
  }
}
