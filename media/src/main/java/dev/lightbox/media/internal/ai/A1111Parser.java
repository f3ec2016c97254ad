package dev.lightbox.media.internal.ai;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AUTOMATIC1111 "parameters" text, also written by Forge, ComfyUI saver nodes and others: prompt lines,
 * an optional {@code Negative prompt:} part, and a last {@code Steps: ..., Seed: ...} line of settings.
 */
final class A1111Parser {
  private A1111Parser() {
  }

  /** Whether {@code text} looks like this format (so a camera's UserComment is not taken for it). */
  static boolean looks(String text) {
    return text != null && settingsLineStart(text) >= 0;
  }

  static AiFields parse(String text) {
    String normalized = text.replace("\r\n", "\n");
    int settings = settingsLineStart(normalized);
    String head = settings > 0 ? normalized.substring(0, settings - 1) : settings == 0 ? "" : normalized;
    Map<String, String> params = settings >= 0 ? settingsOf(normalized.substring(settings)) : Map.of();
    AiFields f = new AiFields(generatorOf(params.get("Version")));
    int neg = negativeStart(head);
    if (neg >= 0) {
      f.prompt = neg == 0 ? "" : head.substring(0, neg - 1);
      f.negativePrompt = head.substring(neg + "Negative prompt:".length()).stripLeading();
    } else {
      f.prompt = head;
    }
    f.steps = AiFields.integer(params.get("Steps"));
    f.sampler = params.get("Sampler");
    f.cfgScale = AiFields.decimal(params.getOrDefault("CFG scale", params.get("CFG Scale")));
    f.seed = AiFields.seed(params.get("Seed"));
    f.model = AiFields.modelName(params.get("Model"));
    String size = params.get("Size");
    if (size != null && size.matches("\\d+x\\d+")) {
      f.width = AiFields.integer(size.substring(0, size.indexOf('x')));
      f.height = AiFields.integer(size.substring(size.indexOf('x') + 1));
    }
    return f;
  }

  private static String generatorOf(String version) {
    if (version == null) {
      return "AUTOMATIC1111";
    }
    if (version.startsWith("Fooocus")) {
      return "Fooocus";
    }
    if (version.equalsIgnoreCase("ComfyUI")) {
      return "ComfyUI";
    }
    if (version.matches("f\\d.*") || version.equalsIgnoreCase("classic") || version.equalsIgnoreCase("neo")) {
      return "Forge";
    }
    return "AUTOMATIC1111";
  }

  private static int negativeStart(String head) {
    if (head.startsWith("Negative prompt:")) {
      return 0;
    }
    int i = head.indexOf("\nNegative prompt:");
    return i < 0 ? -1 : i + 1;
  }

  /** Start of the last line that begins with "Steps: n", or -1. */
  private static int settingsLineStart(String text) {
    int from = text.length();
    while (from >= 0) {
      int i = text.lastIndexOf("Steps: ", from);
      if (i < 0) {
        return -1;
      }
      if ((i == 0 || text.charAt(i - 1) == '\n') && i + 7 < text.length() && Character.isDigit(text.charAt(i + 7))) {
        return i;
      }
      from = i - 1;
    }
    return -1;
  }

  static Map<String, String> settingsOf(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    int p = 0;
    int n = line.length();
    while (p < n) {
      while (p < n && (line.charAt(p) == ' ' || line.charAt(p) == ',' || line.charAt(p) == '\n')) {
        p++;
      }
      int colon = line.indexOf(':', p);
      if (colon < 0) {
        break;
      }
      String key = line.substring(p, colon).strip();
      p = colon + 1;
      while (p < n && line.charAt(p) == ' ') {
        p++;
      }
      int end = valueEnd(line, p);
      String value = line.substring(p, end).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      out.putIfAbsent(key, value);
      p = end + 1;
    }
    return out;
  }

  private static int valueEnd(String s, int p) {
    int n = s.length();
    if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '{' || s.charAt(p) == '[')) {
      int depth = 0;
      boolean inString = false;
      for (int i = p; i < n; i++) {
        char c = s.charAt(i);
        if (inString) {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            inString = false;
            if (depth == 0) {
              return Math.min(n, i + 1);
            }
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) {
            return i + 1;
          }
        }
      }
      return n;
    }
    int comma = s.indexOf(',', p);
    int newline = s.indexOf('\n', p);
    int end = comma < 0 ? n : comma;
    return newline >= 0 && newline < end ? newline : end;
  }
}
