package dev.lightbox.media.internal.meta;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes EXIF UserComment: an 8-byte charset prefix ({@code ASCII}, {@code UNICODE}, {@code JIS} or none) and
 * the text. AI tools write {@code UNICODE} as UTF-16 in either byte order, whatever the EXIF byte order says,
 * so the order is taken from the bytes themselves.
 */
public final class UserComment {
  private UserComment() {
  }

  public static String decode(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return null;
    }
    if (raw.length < 8) {
      return trim(new String(raw, StandardCharsets.ISO_8859_1));
    }
    String prefix = new String(raw, 0, 8, StandardCharsets.ISO_8859_1);
    byte[] body = Arrays.copyOfRange(raw, 8, raw.length);
    if (prefix.startsWith("UNICODE")) {
      return trim(new String(body, utf16Order(body)));
    }
    if (prefix.startsWith("ASCII") || prefix.startsWith("\0\0\0\0\0\0\0\0")) {
      return trim(Utf8.decodeLenient(body));
    }
    if (prefix.startsWith("JIS")) {
      return trim(new String(body, Charset.forName("Shift_JIS")));
    }
    return trim(Utf8.decodeLenient(raw));
  }

  private static Charset utf16Order(byte[] b) {
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16;
    }
    if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16;
    }
    int zeroEven = 0;
    int zeroOdd = 0;
    for (int i = 0; i + 1 < b.length && i < 4096; i += 2) {
      zeroEven += b[i] == 0 ? 1 : 0;
      zeroOdd += b[i + 1] == 0 ? 1 : 0;
    }
    return zeroEven >= zeroOdd ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
  }

  private static String trim(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == ' ')) {
      end--;
    }
    return end == 0 ? null : s.substring(0, end);
  }
}
