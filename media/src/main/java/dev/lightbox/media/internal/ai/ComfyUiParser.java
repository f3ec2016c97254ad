package dev.lightbox.media.internal.ai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ComfyUI's API graph (the "prompt" JSON: node id to {class_type, inputs}). Finds the first-pass sampler and
 * follows its links to the prompt texts, the checkpoint and the latent size. Works for KSampler,
 * KSamplerAdvanced and SamplerCustom(Advanced) with their guider, noise and scheduler nodes.
 */
final class ComfyUiParser {
  private static final Set<String> TEXT_KEYS = Set.of("text", "text_g", "text_l", "prompt", "string",
      "populated_text", "wildcard_text");
  private static final Set<String> MODEL_KEYS = Set.of("ckpt_name", "unet_name", "model_name", "base_ckpt_name",
      "modelname");
  private static final Set<String> NOT_CONDITIONING = Set.of("clip", "model", "vae", "samples", "latent_image",
      "image", "images", "pixels", "mask", "control_net");
  private static final int MAX_VISITS = 5000;

  private final JsonNode graph;
  private final List<JsonNode> samplers;

  private ComfyUiParser(JsonNode graph) {
    this.graph = graph;
    this.samplers = samplers();
  }

  static boolean looks(JsonNode graph) {
    if (graph == null || !graph.isObject() || graph.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> e : graph.properties()) {
      if (e.getValue().has("class_type")) {
        return true;
      }
    }
    return false;
  }

  static AiFields parse(JsonNode graph) {
    return new ComfyUiParser(graph).fields();
  }

  private AiFields fields() {
    AiFields f = new AiFields("ComfyUI");
    JsonNode sampler = firstPassSampler();
    if (sampler == null) {
      return f;
    }
    f.seed = AiFields.seed(scalar(find(sampler, "seed", "noise_seed")));
    f.steps = AiFields.integer(scalar(find(sampler, "steps")));
    f.cfgScale = AiFields.decimal(scalar(find(sampler, "cfg")));
    f.sampler = AiFields.text(scalar(find(sampler, "sampler_name")));
    f.prompt = texts(find(sampler, "positive", "conditioning"));
    f.negativePrompt = texts(find(sampler, "negative"));
    f.model = AiFields.modelName(modelOf(find(sampler, "model"), 0));
    JsonNode latent = node(find(sampler, "latent_image"));
    if (latent != null) {
      f.width = AiFields.integer(scalar(latent.path("inputs").get("width")));
      f.height = AiFields.integer(scalar(latent.path("inputs").get("height")));
    }
    return f;
  }

  private List<JsonNode> samplers() {
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : graph.properties()) {
      JsonNode n = e.getValue();
      JsonNode in = n.path("inputs");
      if (n.path("class_type").asText("").contains("Sampler")
          && (in.has("seed") || in.has("noise_seed") || in.has("noise") || in.has("latent_image"))) {
        out.add(n);
      }
    }
    return out;
  }

  /** The sampler whose latent input does not come from another sampler; else the first one. */
  private JsonNode firstPassSampler() {
    List<JsonNode> all = samplers;
    for (JsonNode s : all) {
      if (!reachesSampler(s.path("inputs").get("latent_image"), new HashSet<>())) {
        return s;
      }
    }
    return all.isEmpty() ? null : all.getFirst();
  }

  private boolean reachesSampler(JsonNode link, Set<String> seen) {
    JsonNode n = node(link);
    if (n == null || !seen.add(link.get(0).asText()) || seen.size() > MAX_VISITS) {
      return false;
    }
    if (samplers.contains(n)) {
      return true;
    }
    for (Map.Entry<String, JsonNode> in : n.path("inputs").properties()) {
      if (reachesSampler(in.getValue(), seen)) {
        return true;
      }
    }
    return false;
  }

  /** An input of the sampler, or of a node one link away (guider, noise, scheduler and sampler-select nodes). */
  private JsonNode find(JsonNode sampler, String... keys) {
    JsonNode inputs = sampler.path("inputs");
    for (String k : keys) {
      if (inputs.has(k)) {
        return inputs.get(k);
      }
    }
    for (Map.Entry<String, JsonNode> in : inputs.properties()) {
      JsonNode hop = node(in.getValue());
      if (hop != null && !in.getKey().equals("latent_image")) {
        for (String k : keys) {
          if (hop.path("inputs").has(k)) {
            return hop.path("inputs").get(k);
          }
        }
      }
    }
    return null;
  }

  private String texts(JsonNode link) {
    Set<String> found = new LinkedHashSet<>();
    collectTexts(link, new HashSet<>(), found);
    if (found.isEmpty()) {
      return null;
    }
    if (found.size() == 1) {
      return found.iterator().next();
    }
    return String.join("\n", found.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  private void collectTexts(JsonNode link, Set<String> seen, Set<String> found) {
    if (link == null || link.isTextual()) {
      if (link != null) {
        found.add(link.asText());
      }
      return;
    }
    JsonNode n = node(link);
    if (n == null || !seen.add(link.get(0).asText()) || seen.size() > MAX_VISITS) {
      return;
    }
    for (Map.Entry<String, JsonNode> in : n.path("inputs").properties()) {
      String key = in.getKey();
      if (TEXT_KEYS.contains(key)) {
        collectTexts(in.getValue(), seen, found);
      } else if (!NOT_CONDITIONING.contains(key) && in.getValue().isArray()) {
        collectTexts(in.getValue(), seen, found);
      }
    }
  }

  private String modelOf(JsonNode link, int depth) {
    JsonNode n = node(link);
    if (n == null || depth > 32) {
      return link != null && link.isTextual() ? link.asText() : null;
    }
    JsonNode inputs = n.path("inputs");
    for (String k : MODEL_KEYS) {
      if (inputs.path(k).isTextual()) {
        return inputs.get(k).asText();
      }
    }
    return modelOf(inputs.get("model"), depth + 1);
  }

  private Object scalar(JsonNode v) {
    for (int hops = 0; v != null && hops < 8; hops++) {
      if (v.isNumber()) {
        return v.numberValue();
      }
      if (v.isTextual()) {
        return v.asText();
      }
      JsonNode n = node(v);
      if (n == null) {
        return null;
      }
      JsonNode in = n.path("inputs");
      v = in.has("seed") ? in.get("seed") : in.has("value") ? in.get("value") : in.has("noise_seed")
          ? in.get("noise_seed") : in.get("int");
    }
    return null;
  }

  /** The node a link {@code ["id", slot]} points at, or null. */
  private JsonNode node(JsonNode link) {
    if (link == null || !link.isArray() || link.size() != 2 || !link.get(1).isNumber()) {
      return null;
    }
    JsonNode n = graph.get(link.get(0).asText());
    return n != null && n.isObject() ? n : null;
  }
}
