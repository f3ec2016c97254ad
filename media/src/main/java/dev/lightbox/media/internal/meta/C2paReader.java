package dev.lightbox.media.internal.meta;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a C2PA manifest store (a JUMBF superbox) far enough to name the active manifest's claim generator.
 * It does not validate signatures: Lightbox only records that a manifest is present and who made it.
 */
public final class C2paReader {
  private static final int MAX_DEPTH = 16;

  private C2paReader() {
  }

  /** The active manifest's claim generator, or null when the store can be walked but names none. */
  public static String claimGenerator(byte[] jumbf) {
    Box store = first(jumbf, 0, jumbf.length);
    if (store == null || !store.type.equals("jumb")) {
      throw new IllegalArgumentException("C2PA data is not a JUMBF superbox");
    }
    String found = null;
    for (Box manifest : children(jumbf, store)) {
      if (manifest.type.equals("jumb")) {
        String g = findClaim(jumbf, manifest, 0);
        if (g != null) {
          found = g; // the last manifest in the store is the active one
        }
      }
    }
    return found;
  }

  private static String findClaim(byte[] b, Box superbox, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    List<Box> kids = children(b, superbox);
    String label = kids.isEmpty() ? null : label(b, kids.getFirst());
    if (label != null && label.startsWith("c2pa.claim")) {
      for (Box k : kids) {
        if (k.type.equals("cbor")) {
          return generatorOf(Cbor.decode(b, k.bodyStart, k.end - k.bodyStart));
        }
      }
    }
    for (Box k : kids) {
      if (k.type.equals("jumb")) {
        String g = findClaim(b, k, depth + 1);
        if (g != null) {
          return g;
        }
      }
    }
    return null;
  }

  private static String generatorOf(Object claim) {
    if (!(claim instanceof Map<?, ?> map)) {
      return null;
    }
    if (map.get("claim_generator") instanceof String s && !s.isBlank()) {
      return s;
    }
    Object info = map.get("claim_generator_info");
    if (info instanceof List<?> list && !list.isEmpty()) {
      info = list.getFirst();
    }
    if (info instanceof Map<?, ?> gi && gi.get("name") instanceof String name) {
      return gi.get("version") instanceof String v ? name + " " + v : name;
    }
    return null;
  }

  private static String label(byte[] b, Box description) {
    if (!description.type.equals("jumd") || description.end - description.bodyStart < 17) {
      return null;
    }
    int toggles = b[description.bodyStart + 16] & 0xFF;
    if ((toggles & 0x02) == 0) {
      return null;
    }
    int start = description.bodyStart + 17;
    int nul = start;
    while (nul < description.end && b[nul] != 0) {
      nul++;
    }
    return new String(b, start, nul - start, StandardCharsets.UTF_8);
  }

  private record Box(String type, int bodyStart, int end) {
  }

  private static List<Box> children(byte[] b, Box parent) {
    List<Box> out = new java.util.ArrayList<>();
    int p = parent.bodyStart;
    while (p < parent.end) {
      Box box = first(b, p, parent.end);
      if (box == null) {
        break;
      }
      out.add(box);
      p = box.end;
    }
    return out;
  }

  private static Box first(byte[] b, int p, int limit) {
    if (limit - p < 8) {
      return null;
    }
    long size = ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    String type = new String(b, p + 4, 4, StandardCharsets.ISO_8859_1);
    int header = 8;
    if (size == 1) {
      if (limit - p < 16) {
        return null;
      }
      size = 0;
      for (int i = 0; i < 8; i++) {
        size = (size << 8) | (b[p + 8 + i] & 0xFF);
      }
      header = 16;
    } else if (size == 0) {
      size = limit - p;
    }
    if (size < header || size > limit - p) {
      throw new IllegalArgumentException("JUMBF box '" + type + "' overruns its container");
    }
    return new Box(type, p + header, p + (int) size);
  }
}
