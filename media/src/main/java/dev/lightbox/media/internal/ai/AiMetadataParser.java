package dev.lightbox.media.internal.ai;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.media.AiMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises the generator from the text a file carries (PNG text chunks, EXIF strings, stealth data) and
 * normalises its settings into one {@link AiMetadata}. Keys from EXIF are named {@code EXIF:<Tag>}.
 * A malformed source becomes a warning and the next source is tried.
 */
public final class AiMetadataParser {
  public static final String EXIF_USER_COMMENT = "EXIF:UserComment";
  public static final String EXIF_MAKE = "EXIF:Make";
  public static final String EXIF_MODEL = "EXIF:Model";
  public static final String STEALTH = "stealth_pnginfo";
  /** Keys that mark AI metadata even when their content cannot be parsed. */
  private static final Set<String> AI_KEYS = Set.of("prompt", "workflow", "parameters", "invokeai_metadata",
      "invokeai_graph", "invokeai_workflow", "sd-metadata", "Dream", STEALTH);
  static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build());

  private AiMetadataParser() {
  }

  /** Null when the texts hold no AI metadata and no C2PA manifest was found. */
  public static AiMetadata parse(Map<String, String> texts, boolean c2pa, String c2paGenerator,
      List<String> warnings) {
    AiFields f = recognise(texts, warnings);
    if (f == null && (c2pa || texts.keySet().stream().anyMatch(AI_KEYS::contains))) {
      f = new AiFields(null);
    }
    if (f == null) {
      return null;
    }
    if (f.generator == null && c2paGenerator != null) {
      f.generator = "C2PA: " + c2paGenerator;
    }
    return f.build(texts, c2pa, c2paGenerator);
  }

  private static AiFields recognise(Map<String, String> t, List<String> warnings) {
    AiFields f = comfy(t, warnings);
    if (f == null && t.containsKey("invokeai_metadata")) {
      JsonNode meta = json("invokeai_metadata", t.get("invokeai_metadata"), warnings);
      if (meta != null && meta.isObject()) {
        f = JsonFieldsParser.parse("InvokeAI", meta);
        f.rawWorkflow = t.getOrDefault("invokeai_graph", t.get("invokeai_workflow"));
      }
    }
    if (f == null && t.containsKey("sd-metadata")) {
      JsonNode meta = json("sd-metadata", t.get("sd-metadata"), warnings);
      if (meta != null && meta.path("image").isObject()) {
        f = JsonFieldsParser.parse("InvokeAI", meta.get("image"));
        f.model = AiFields.modelName(meta.path("model_weights").asText(null));
      }
    }
    if (f == null && t.containsKey("Dream")) {
      f = DreamParser.parse(t.get("Dream"));
    }
    if (f == null) {
      f = novelAi(t, warnings);
    }
    if (f == null && t.containsKey("parameters")) {
      f = settingsText("parameters", t.get("parameters"), t.containsKey("fooocus_scheme"), true, warnings);
    }
    if (f == null && t.containsKey(EXIF_USER_COMMENT)) {
      f = settingsText(EXIF_USER_COMMENT, t.get(EXIF_USER_COMMENT), false, false, warnings);
    }
    if (f == null && t.containsKey(STEALTH)) {
      f = settingsText(STEALTH, t.get(STEALTH), false, true, warnings);
    }
    return f;
  }

  private static AiFields comfy(Map<String, String> t, List<String> warnings) {
    String key = null;
    String prompt = null;
    String workflow = t.get("workflow");
    if (t.containsKey("prompt")) {
      key = "prompt";
      prompt = t.get("prompt");
    }
    for (String exifKey : List.of(EXIF_MODEL, EXIF_MAKE)) {
      String v = t.get(exifKey);
      if (v == null) {
        continue;
      }
      if (prompt == null && (v.startsWith("prompt:") || v.startsWith("Prompt:"))) {
        key = exifKey;
        prompt = v.substring(7);
      } else if (workflow == null && (v.startsWith("workflow:") || v.startsWith("Workflow:"))) {
        workflow = v.substring(9);
      }
    }
    if (prompt == null && workflow == null) {
      return null;
    }
    JsonNode graph = prompt == null ? null : json("ComfyUI " + key, prompt, warnings);
    AiFields f;
    if (ComfyUiParser.looks(graph)) {
      f = ComfyUiParser.parse(graph);
    } else if (workflow != null && json("ComfyUI workflow", workflow, warnings) != null) {
      f = new AiFields("ComfyUI");
    } else {
      return null;
    }
    f.rawWorkflow = workflow != null ? workflow : prompt;
    return f;
  }

  private static AiFields novelAi(Map<String, String> t, List<String> warnings) {
    boolean named = "NovelAI".equals(t.get("Software")) || t.getOrDefault("Source", "").startsWith("NovelAI");
    if (!named || !t.containsKey("Comment")) {
      return null;
    }
    JsonNode comment = json("NovelAI Comment", t.get("Comment"), warnings);
    if (comment == null || !comment.isObject()) {
      return null;
    }
    AiFields f = JsonFieldsParser.parse("NovelAI", comment);
    f.sampler = comment.path("sampler").asText(null);
    f.model = t.get("Source");
    if (f.prompt == null) {
      f.prompt = t.get("Description");
    }
    return f;
  }

  private static AiFields settingsText(String key, String text, boolean fooocus, boolean anyText,
      List<String> warnings) {
    String s = text.strip();
    if (s.startsWith("{")) {
      JsonNode obj = json(key, s, warnings);
      if (obj == null || !obj.isObject()) {
        return null;
      }
      if (obj.has("sui_image_params")) {
        return JsonFieldsParser.parse("SwarmUI", obj.get("sui_image_params"));
      }
      if (obj.has("Comment") && obj.path("Software").asText("").contains("NovelAI")) {
        Map<String, String> inner = new java.util.LinkedHashMap<>();
        obj.properties().forEach(e -> inner.put(e.getKey(),
            e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return novelAi(inner, warnings);
      }
      boolean isFooocus = fooocus || obj.path("version").asText("").startsWith("Fooocus");
      return JsonFieldsParser.parse(isFooocus ? "Fooocus" : null, obj);
    }
    if (!anyText && !A1111Parser.looks(text)) {
      return null;
    }
    AiFields f = A1111Parser.parse(text);
    if (fooocus) {
      f.generator = "Fooocus";
    }
    return f;
  }

  static JsonNode json(String what, String text, List<String> warnings) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      warnings.add(what + " is not valid JSON (" + e.getOriginalMessage() + ")");
      return null;
    }
  }
}
