package dev.lightbox.server.downloads.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names of the entries of one archive: each a safe single file name (no folder, no {@code ..}, no control,
 * bidirectional-override or Windows-reserved characters, not a Windows device name, at most 200 bytes of
 * UTF-8) and unique within the archive, where two names that differ only in case or Unicode normalisation
 * count as the same (they would overwrite each other when extracted on macOS or Windows). A repeated name
 * gets " (1)", " (2)"... before its extension, like browsers name repeated downloads.
 */
public final class ArchiveNames {
  private static final int MAX_BYTES = 200;
  private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
      "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

  private final Set<String> used = new HashSet<>();
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  /** A unique safe name for an entry that wants {@code wanted} (null or empty gives "file"). */
  public String unique(String wanted) {
    String name = safe(wanted);
    if (used.add(key(name))) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    String family = key(base + ext);
    int n = nextSuffix.getOrDefault(family, 1);
    String candidate;
    do {
      candidate = base + " (" + n++ + ")" + ext;
    } while (!used.add(key(candidate)));
    nextSuffix.put(family, n);
    return candidate;
  }

  private static String key(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The last path segment of {@code wanted}, made safe to extract anywhere. */
  public static String safe(String wanted) {
    String n = wanted == null ? "" : wanted;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1);
    StringBuilder sb = new StringBuilder();
    n.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || isBidiControl(cp) || cp == 0xfeff) {
        return; // invisible: dropped
      }
      sb.appendCodePoint("<>:\"|?*".indexOf(cp) >= 0 ? '_' : cp);
    });
    String out = Normalizer.normalize(sb.toString(), Normalizer.Form.NFC).strip();
    while (out.endsWith(".") || out.endsWith(" ")) { // Windows drops them, making "a." and "a" collide
      out = out.substring(0, out.length() - 1);
    }
    while (out.startsWith(".")) { // no hidden files and never "." or ".."
      out = out.substring(1);
    }
    if (out.isEmpty()) {
      out = "file";
    }
    int dot = out.indexOf('.');
    if (DEVICES.contains((dot < 0 ? out : out.substring(0, dot)).toLowerCase(Locale.ROOT))) {
      out = "_" + out;
    }
    return shorten(out);
  }

  private static boolean isBidiControl(int cp) {
    return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2028 || cp == 0x2029;
  }

  /** At most {@link #MAX_BYTES} bytes of UTF-8, cut in the base name so the extension stays. */
  private static String shorten(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
    String base = ext.isEmpty() ? name : name.substring(0, dot);
    int budget = MAX_BYTES - ext.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder sb = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < base.length(); ) {
      int cp = base.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > budget) {
        break;
      }
      sb.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return sb.toString().strip() + ext;
  }
}
