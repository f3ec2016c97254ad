package dev.lightbox.media.internal.ai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generators that write one flat JSON object of settings (InvokeAI, NovelAI's Comment, SwarmUI, Fooocus,
 * legacy InvokeAI sd-metadata): the same fields under different names, mapped here by alias.
 */
final class JsonFieldsParser {
  private static final List<String> PROMPT = List.of("positive_prompt", "prompt", "Prompt");
  private static final List<String> NEGATIVE = List.of("negative_prompt", "negativeprompt", "uc",
      "Negative prompt", "Negative");
  private static final List<String> MODEL = List.of("model", "base_model", "model_name", "Model", "model_weights",
      "Base Model");
  private static final List<String> SEED = List.of("seed", "Seed");
  private static final List<String> STEPS = List.of("steps", "Steps");
  private static final List<String> SAMPLER = List.of("sampler", "sampler_name", "scheduler", "Sampler");
  private static final List<String> CFG = List.of("cfg_scale", "cfgscale", "scale", "guidance_scale", "cfg",
      "Guidance Scale", "CFG scale");
  private static final Pattern RESOLUTION = Pattern.compile("\\(?\\s*(\\d+)\\s*[,x]\\s*(\\d+)\\s*\\)?");

  private JsonFieldsParser() {
  }

  static AiFields parse(String generator, JsonNode obj) {
    AiFields f = new AiFields(generator);
    f.prompt = promptText(first(obj, PROMPT));
    f.negativePrompt = promptText(first(obj, NEGATIVE));
    JsonNode model = first(obj, MODEL);
    if (model != null && model.isObject()) {
      model = model.has("name") ? model.get("name") : model.get("model_name");
    }
    f.model = model == null || model.isContainerNode() ? null : AiFields.modelName(model.asText());
    f.seed = AiFields.seed(scalar(first(obj, SEED)));
    f.steps = AiFields.integer(scalar(first(obj, STEPS)));
    JsonNode sampler = first(obj, SAMPLER);
    f.sampler = sampler == null || sampler.isContainerNode() ? null : sampler.asText();
    f.cfgScale = AiFields.decimal(scalar(first(obj, CFG)));
    f.width = AiFields.integer(scalar(obj.get("width")));
    f.height = AiFields.integer(scalar(obj.get("height")));
    JsonNode resolution = obj.get("resolution");
    if (f.width == null && resolution != null && resolution.isTextual()) {
      Matcher m = RESOLUTION.matcher(resolution.asText());
      if (m.matches()) {
        f.width = AiFields.integer(m.group(1));
        f.height = AiFields.integer(m.group(2));
      }
    }
    return f;
  }

  private static JsonNode first(JsonNode obj, List<String> names) {
    for (String n : names) {
      JsonNode v = obj.get(n);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  private static Object scalar(JsonNode v) {
    if (v == null || v.isContainerNode() || v.isNull()) {
      return null;
    }
    return v.isNumber() ? v.numberValue() : v.asText();
  }

  /** A string, or legacy InvokeAI's [{"prompt": "...", "weight": 1}] list. */
  private static String promptText(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : v) {
        String t = part.isObject() ? part.path("prompt").asText("") : part.asText("");
        if (!t.isEmpty()) {
          sb.append(sb.isEmpty() ? "" : "\n").append(t);
        }
      }
      return sb.toString();
    }
    return v.isContainerNode() ? null : v.asText();
  }
}
