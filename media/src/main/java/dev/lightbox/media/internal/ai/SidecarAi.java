package dev.lightbox.media.internal.ai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.media.AiMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AI metadata from a sidecar file, through {@link AiMetadataParser} as if the text had been a PNG chunk: an
 * A1111 {@code .txt} becomes the {@code parameters} chunk; a {@code .json} the chunk its shape belongs to
 * (ComfyUI {@code prompt} graph and/or {@code workflow}, {@code invokeai_metadata}, SwarmUI parameters).
 */
public final class SidecarAi {
  private SidecarAi() {
  }

  /** Null unless the text has the A1111 settings line ({@code Steps: ..., Seed: ...}). */
  public static AiMetadata fromParameters(String text, List<String> warnings) {
    if (!A1111Parser.looks(text)) {
      return null;
    }
    return AiMetadataParser.parse(Map.of("parameters", text), false, null, warnings);
  }

  /** Null when the JSON is not a shape a generator writes (it is still kept as a file). */
  public static AiMetadata fromJson(String text, List<String> warnings) {
    JsonNode root = AiMetadataParser.json("the JSON sidecar", text, warnings);
    if (root == null || !root.isObject()) {
      return null;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    if (ComfyUiParser.looks(root)) {
      texts.put("prompt", text);
    } else if (ComfyUiParser.looks(root.path("prompt"))) { // {"prompt": {...}, "workflow": {...}}: a history entry
      texts.put("prompt", root.get("prompt").toString());
      if (root.path("workflow").isObject()) {
        texts.put("workflow", root.get("workflow").toString());
      }
    } else if (root.path("nodes").isArray() && root.has("links")) {
      texts.put("workflow", text); // a saved ComfyUI workflow: the graph without the prompt's values
    } else if (root.has("sui_image_params")) {
      texts.put("parameters", text);
    } else if (root.has("generation_mode") || root.has("positive_prompt") || root.has("app_version")) {
      texts.put("invokeai_metadata", text);
    } else if (root.path("image").isObject() && root.has("model_weights")) {
      texts.put("sd-metadata", text);
    } else {
      return null;
    }
    AiMetadata ai = AiMetadataParser.parse(texts, false, null, warnings);
    return ai == null ? null : new AiMetadata(ai.generator(), ai.prompt(), ai.negativePrompt(), ai.model(),
        ai.seed(), ai.steps(), ai.sampler(), ai.cfgScale(), ai.width(), ai.height(), ai.rawWorkflow(), Map.of(),
        false, null);
  }
}
