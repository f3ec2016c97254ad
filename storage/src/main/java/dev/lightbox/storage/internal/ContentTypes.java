package dev.lightbox.storage.internal;

import java.util.Locale;
import java.util.Map;

/** A content type from a file name's extension, for objects stored without one. */
public final class ContentTypes {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
      Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("tif", "image/tiff"),
      Map.entry("tiff", "image/tiff"), Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
      Map.entry("avif", "image/avif"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
      Map.entry("webm", "video/webm"), Map.entry("json", "application/json"), Map.entry("txt", "text/plain"),
      Map.entry("safetensors", "application/octet-stream"));

  private ContentTypes() {
  }

  public static String guess(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    return BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
