package dev.lightbox.server.serving;

import dev.lightbox.server.http.FileNames;
import java.nio.charset.StandardCharsets;

/**
 * Content-Disposition values with an ASCII fallback and an RFC 5987 {@code filename*} for any name. The name
 * goes through {@link FileNames#clean} first, so that a name stored before that sanitiser existed cannot carry
 * control or bidirectional characters into a download either.
 */
public final class ContentDisposition {
  private ContentDisposition() {
  }

  public static String of(String type, String name) {
    String fileName = FileNames.clean(name);
    StringBuilder ascii = new StringBuilder();
    boolean plain = true;
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' || c == ';') {
        plain = false;
        ascii.append(c >= 0x20 && c < 0x7f ? '_' : (Character.isLowSurrogate(c) ? "" : "_"));
      } else {
        ascii.append(c);
      }
    }
    String value = type + "; filename=\"" + ascii + "\"";
    return plain ? value : value + "; filename*=UTF-8''" + encode(fileName);
  }

  /** RFC 5987 attr-char percent-encoding of the UTF-8 bytes. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
