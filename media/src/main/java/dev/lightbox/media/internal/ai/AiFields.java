package dev.lightbox.media.internal.ai;

import dev.lightbox.media.AiMetadata;
import java.math.BigDecimal;
import java.util.Map;

/** Mutable fields that one parser fills before they become an immutable {@link AiMetadata}. */
public final class AiFields {
  String generator;
  String prompt;
  String negativePrompt;
  String model;
  Long seed;
  Integer steps;
  String sampler;
  Double cfgScale;
  Integer width;
  Integer height;
  String rawWorkflow;

  AiFields(String generator) {
    this.generator = generator;
  }

  public AiMetadata build(Map<String, String> rawChunks, boolean c2paPresent, String c2paGenerator) {
    return new AiMetadata(generator, prompt, negativePrompt, model, seed, steps, sampler, cfgScale, width, height,
        rawWorkflow, rawChunks, c2paPresent, c2paGenerator);
  }

  /** Weight-file extensions are dropped so one model reads the same from every generator. */
  static String modelName(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
    if (slash >= 0 && slash < s.length() - 1) {
      s = s.substring(slash + 1);
    }
    return s.replaceFirst("(?i)\\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$", "");
  }

  static Long seed(Object value) {
    if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
      return n.longValue();
    }
    try {
      return value == null ? null : new BigDecimal(value.toString().strip()).longValueExact();
    } catch (ArithmeticException | NumberFormatException notALong) {
      return null;
    }
  }

  static Integer integer(Object value) {
    Double d = decimal(value);
    return d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE ? null : d.intValue();
  }

  static Double decimal(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return value == null ? null : Double.valueOf(value.toString().strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
