package dev.lightbox.server.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The media type a file's first bytes show, for the formats the library accepts; null for anything else. */
public final class ContentSniffer {
  /** File extensions for stored originals. */
  public static final Map<String, String> EXTENSIONS = Map.ofEntries(
      Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
      Map.entry("image/gif", "gif"), Map.entry("image/tiff", "tif"), Map.entry("image/heic", "heic"),
      Map.entry("image/heif", "heif"), Map.entry("image/avif", "avif"), Map.entry("video/mp4", "mp4"),
      Map.entry("video/quicktime", "mov"), Map.entry("video/webm", "webm"), Map.entry("video/x-matroska", "mkv"));

  private ContentSniffer() {
  }

  public static String sniff(Path file) throws IOException {
    byte[] head = new byte[64];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return sniff(head, n);
  }

  static String sniff(byte[] b, int n) {
    if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (n >= 8 && (b[0] & 0xff) == 0x89 && ascii(b, 1, "PNG")) {
      return "image/png";
    }
    if (n >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
      return "image/webp";
    }
    if (n >= 6 && (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a"))) {
      return "image/gif";
    }
    if (n >= 4 && ((ascii(b, 0, "II") && b[2] == 42 && b[3] == 0) || (ascii(b, 0, "MM") && b[2] == 0 && b[3] == 42))) {
      return "image/tiff";
    }
    if (n >= 4 && (b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf && (b[3] & 0xff) == 0xa3) {
      String text = new String(b, 0, n, StandardCharsets.ISO_8859_1);
      return text.contains("webm") ? "video/webm" : "video/x-matroska";
    }
    if (n >= 12 && ascii(b, 4, "ftyp")) {
      return isoBrand(new String(b, 8, Math.min(n, 40) - 8, StandardCharsets.ISO_8859_1));
    }
    if (n >= 8 && (ascii(b, 4, "moov") || ascii(b, 4, "mdat") || ascii(b, 4, "wide") || ascii(b, 4, "free"))) {
      return "video/quicktime";
    }
    return null;
  }

  private static String isoBrand(String brands) {
    String major = brands.substring(0, 4);
    return switch (major) {
      case "avif", "avis" -> "image/avif";
      case "heic", "heix", "heim", "heis" -> "image/heic";
      case "mif1", "msf1" -> brands.contains("avif") ? "image/avif" : "image/heif";
      case "qt  " -> "video/quicktime";
      default -> "video/mp4";
    };
  }

  private static boolean ascii(byte[] b, int offset, String text) {
    if (offset + text.length() > b.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (b[offset + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
