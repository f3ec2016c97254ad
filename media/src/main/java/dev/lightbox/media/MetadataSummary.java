package dev.lightbox.media;

import dev.lightbox.storage.UserMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded summary of a {@link MediaAnalysis} for S3 user metadata, so a bucket stays self-describing
 * without the catalog. Names are lowercase ASCII; values are plain text (the storage layer encodes
 * non-ASCII for the wire). The prompt is cut, on a character boundary, so that the encoded total stays
 * within {@link #MAX_ENCODED_BYTES}.
 */
public final class MetadataSummary {
  /** Encoded budget for the summary: well inside S3's 2 KB, leaving room for the caller's own entries. */
  public static final int MAX_ENCODED_BYTES = 1536;

  private MetadataSummary() {
  }

  public static Map<String, String> of(MediaAnalysis a) {
    return of(a, MAX_ENCODED_BYTES);
  }

  public static Map<String, String> of(MediaAnalysis a, int maxEncodedBytes) {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "media-kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
    put(m, "media-size", a.width() > 0 ? a.width() + "x" + a.height() : null);
    put(m, "media-taken", a.captureTime() == null ? null : a.captureTime().toString());
    if (a.duration() != null) {
      put(m, "media-duration", String.valueOf(a.duration().toMillis() / 1000.0));
    }
    if (a.photo() != null) {
      put(m, "media-camera", join(a.photo().make(), a.photo().model()));
      if (a.photo().latitude() != null) {
        put(m, "media-gps", a.photo().latitude() + "," + a.photo().longitude());
      }
    }
    AiMetadata ai = a.ai();
    if (ai != null) {
      put(m, "ai-generator", cut(ai.generator(), 64));
      put(m, "ai-model", cut(ai.model(), 128));
      put(m, "ai-seed", ai.seed() == null ? null : ai.seed().toString());
      put(m, "ai-steps", ai.steps() == null ? null : ai.steps().toString());
      put(m, "ai-sampler", cut(ai.sampler(), 64));
      put(m, "ai-cfg", ai.cfgScale() == null ? null : ai.cfgScale().toString());
      put(m, "ai-c2pa", ai.c2paPresent() ? cut(ai.c2paClaimGenerator() == null ? "present"
          : ai.c2paClaimGenerator(), 128) : null);
      fitPrompt(m, ai.prompt(), maxEncodedBytes);
    }
    while (UserMetadata.encodedSize(m) > maxEncodedBytes && !m.isEmpty()) {
      m.remove(m.keySet().stream().reduce((x, y) -> y).orElseThrow()); // drop the least important entry
    }
    return m;
  }

  private static void fitPrompt(Map<String, String> m, String prompt, int budget) {
    if (prompt == null || prompt.isBlank()) {
      return;
    }
    String p = prompt.replaceAll("\\s+", " ").strip();
    int lo = 0;
    int hi = p.codePointCount(0, p.length());
    while (lo < hi) { // the longest prefix (in code points) that fits
      int mid = (lo + hi + 1) >>> 1;
      m.put("ai-prompt", prefix(p, mid));
      if (UserMetadata.encodedSize(m) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo == 0) {
      m.remove("ai-prompt");
    } else {
      m.put("ai-prompt", prefix(p, lo));
    }
  }

  private static String prefix(String s, int codePoints) {
    String cut = s.substring(0, s.offsetByCodePoints(0, codePoints));
    return cut.length() < s.length() ? cut.strip() + "..." : cut;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : prefix(s, Math.min(max, s.codePointCount(0, s.length())) - 1);
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null || b.startsWith(a) ? (b == null ? a : b) : a + " " + b;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v.replaceAll("[\\p{Cntrl}]", " "));
    }
  }
}
