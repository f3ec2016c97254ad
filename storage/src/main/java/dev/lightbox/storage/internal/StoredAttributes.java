package dev.lightbox.storage.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the disk backend keeps beside an object's bytes, serialised as percent-encoded {@code name=value}
 * lines. {@code size} lets a reader notice a sidecar that no longer matches its object.
 */
public record StoredAttributes(
    long size, String sha256, String contentType, String cacheControl, String contentDisposition,
    Map<String, String> userMetadata) {

  private static final String META_PREFIX = "meta.";

  public StoredAttributes {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  public String serialize() {
    StringBuilder sb = new StringBuilder();
    line(sb, "v", "1");
    line(sb, "size", Long.toString(size));
    line(sb, "sha256", sha256);
    line(sb, "content-type", contentType);
    line(sb, "cache-control", cacheControl);
    line(sb, "content-disposition", contentDisposition);
    userMetadata.forEach((k, v) -> line(sb, META_PREFIX + k, v));
    return sb.toString();
  }

  public static StoredAttributes parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = decode(line.substring(0, eq));
      String value = decode(line.substring(eq + 1));
      if (name.startsWith(META_PREFIX)) {
        meta.put(name.substring(META_PREFIX.length()), value);
      } else {
        fields.put(name, value);
      }
    }
    long size = Long.parseLong(fields.getOrDefault("size", "-1"));
    return new StoredAttributes(size, fields.get("sha256"), fields.get("content-type"),
        fields.get("cache-control"), fields.get("content-disposition"), meta);
  }

  private static void line(StringBuilder sb, String name, String value) {
    if (value != null) {
      sb.append(encode(name)).append('=').append(encode(value)).append('\n');
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
