package dev.lightbox.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes metadata values so that any Unicode text survives an HTTP header: printable ASCII passes as it
 * is; anything else becomes {@code =?UTF-8?B?...?=} (RFC 2047 base64), which AWS SDKs and most S3 tools
 * also recognise. Decoding is the exact inverse; values that merely look encoded are escaped first.
 */
public final class MetadataValueCodec {
  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";

  private MetadataValueCodec() {
  }

  public static String encode(String value) {
    if (isPlainAscii(value) && !value.startsWith("=?")) {
      return value;
    }
    return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
  }

  public static String decode(String wire) {
    if (wire != null && wire.startsWith(PREFIX) && wire.endsWith(SUFFIX)
        && wire.length() >= PREFIX.length() + SUFFIX.length()) {
      String body = wire.substring(PREFIX.length(), wire.length() - SUFFIX.length());
      try {
        return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return wire;
      }
    }
    return wire;
  }

  private static boolean isPlainAscii(String value) {
    if (!value.equals(value.strip())) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
