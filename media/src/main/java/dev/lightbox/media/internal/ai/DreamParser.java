package dev.lightbox.media.internal.ai;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Legacy InvokeAI "Dream" text: {@code "a prompt [negative words]" -s 50 -S 42 -W 512 -H 512 -C 7.5 -A k_lms}. */
final class DreamParser {
  private static final Pattern QUOTED = Pattern.compile("^\\s*\"((?:\\\\.|[^\"\\\\])*)\"(.*)$", Pattern.DOTALL);
  private static final Pattern FLAG = Pattern.compile("-([sSWHCAm])\\s+(\\S+)");
  private static final Pattern NEGATIVE = Pattern.compile("\\[([^\\]]*)\\]");

  private DreamParser() {
  }

  static AiFields parse(String text) {
    AiFields f = new AiFields("InvokeAI");
    Matcher q = QUOTED.matcher(text);
    String flags = text;
    if (q.matches()) {
      String prompt = q.group(1).replace("\\\"", "\"");
      flags = q.group(2);
      StringBuilder negative = new StringBuilder();
      Matcher n = NEGATIVE.matcher(prompt);
      while (n.find()) {
        negative.append(negative.isEmpty() ? "" : ", ").append(n.group(1).strip());
      }
      f.prompt = NEGATIVE.matcher(prompt).replaceAll("").strip();
      f.negativePrompt = negative.isEmpty() ? null : negative.toString();
    }
    Matcher m = FLAG.matcher(flags);
    while (m.find()) {
      String v = m.group(2);
      switch (m.group(1)) {
        case "s" -> f.steps = AiFields.integer(v);
        case "S" -> f.seed = AiFields.seed(v);
        case "W" -> f.width = AiFields.integer(v);
        case "H" -> f.height = AiFields.integer(v);
        case "C" -> f.cfgScale = AiFields.decimal(v);
        case "A" -> f.sampler = v;
        default -> f.model = AiFields.modelName(v);
      }
    }
    return f;
  }
}
