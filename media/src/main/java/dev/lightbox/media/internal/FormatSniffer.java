package dev.lightbox.media.internal;

import java.nio.charset.StandardCharsets;

/** Recognises a {@link MediaFormat} by the signature each format's specification puts at the start of a file. */
public final class FormatSniffer {
  /** How many leading bytes {@link #sniff} wants. */
  public static final int HEAD_BYTES = 64;

  private FormatSniffer() {
  }

  public static MediaFormat sniff(byte[] h) {
    if (startsWith(h, 0, 0xFF, 0xD8, 0xFF)) {
      return MediaFormat.JPEG;
    }
    if (startsWith(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return MediaFormat.PNG; // all 8 signature bytes: the last four catch line-ending and 7-bit transfer damage
    }
    if (ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a")) {
      return MediaFormat.GIF;
    }
    if (startsWith(h, 0, 'I', 'I', 42, 0) || startsWith(h, 0, 'M', 'M', 0, 42)) {
      return MediaFormat.TIFF;
    }
    if (ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP")) {
      return MediaFormat.WEBP;
    }
    if (startsWith(h, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
      return new String(h, StandardCharsets.ISO_8859_1).contains("webm") ? MediaFormat.WEBM : MediaFormat.MATROSKA;
    }
    if (ascii(h, 4, "ftyp")) {
      return IsoBrands.format(h);
    }
    if (QuickTimeAtoms.startsClassicMovie(h)) {
      return MediaFormat.MOV;
    }
    return MediaFormat.UNKNOWN;
  }

  static boolean startsWith(byte[] h, int at, int... bytes) {
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

  static boolean ascii(byte[] h, int at, String s) {
    return h.length >= at + s.length() && new String(h, at, s.length(), StandardCharsets.ISO_8859_1).equals(s);
  }
}
