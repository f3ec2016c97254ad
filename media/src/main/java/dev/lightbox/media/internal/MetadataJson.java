package dev.lightbox.media.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.media.AiMetadata;
import dev.lightbox.media.PhotoMetadata;
import dev.lightbox.media.Sidecars;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Builds the catalog's metadata JSON: one object, stable field names, nulls left out. */
public final class MetadataJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root = JSON.createObjectNode();

  public MetadataJson(MediaFormat format, int width, int height, int orientation) {
    root.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
    root.put("mimeType", format.mimeType());
    root.put("width", width);
    root.put("height", height);
    root.put("orientation", orientation);
  }

  public MetadataJson captureTime(OffsetDateTime time, String zone) {
    if (time != null) {
      root.put("captureTime", zone == null ? time.toLocalDateTime().toString() : time.toString());
      root.put("timeZoneKnown", zone != null);
    }
    return this;
  }

  public MetadataJson photo(PhotoMetadata p) {
    if (p != null) {
      ObjectNode n = root.putObject("photo");
      putIf(n, "make", p.make());
      putIf(n, "model", p.model());
      putIf(n, "lens", p.lens());
      putIf(n, "latitude", p.latitude());
      putIf(n, "longitude", p.longitude());
      putIf(n, "altitude", p.altitude());
      putIf(n, "timeZone", p.timeZone());
    }
    return this;
  }

  public MetadataJson ai(AiMetadata a) {
    if (a != null) {
      root.set("ai", aiObject(a));
    }
    return this;
  }

  private static ObjectNode aiObject(AiMetadata a) {
    ObjectNode n = JSON.createObjectNode();
    putIf(n, "generator", a.generator());
    putIf(n, "prompt", a.prompt());
    putIf(n, "negativePrompt", a.negativePrompt());
    putIf(n, "model", a.model());
    putIf(n, "seed", a.seed());
    putIf(n, "steps", a.steps());
    putIf(n, "sampler", a.sampler());
    putIf(n, "cfgScale", a.cfgScale());
    putIf(n, "width", a.width());
    putIf(n, "height", a.height());
    if (a.c2paPresent()) {
      ObjectNode c = n.putObject("c2pa");
      c.put("present", true);
      putIf(c, "claimGenerator", a.c2paClaimGenerator());
    }
    putIf(n, "workflow", a.rawWorkflow());
    return n;
  }

  /** See {@link dev.lightbox.media.Sidecars#merge}. */
  public static String mergeSidecars(String metadataJson, List<Sidecars.Facts> facts) {
    ObjectNode root = JSON.createObjectNode();
    if (metadataJson != null && !metadataJson.isBlank()) {
      try {
        if (JSON.readTree(metadataJson) instanceof ObjectNode o) {
          root = o;
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        root.put("unparsed", metadataJson);
      }
    }
    for (Sidecars.Facts f : facts) {
      String source = "sidecar:" + f.type().id();
      if (f.ai() != null && (!root.has("ai") || root.path("ai").path("source").asText("").equals(source))) {
        ObjectNode ai = aiObject(f.ai());
        ai.put("source", source);
        root.set("ai", ai);
      }
      Sidecars.Xmp x = f.xmp();
      if (x != null) {
        ObjectNode n = root.has("xmp") && root.get("xmp").isObject() ? (ObjectNode) root.get("xmp")
            : root.putObject("xmp");
        if (!n.has("rating")) {
          putIf(n, "rating", x.rating());
        }
        if (!n.has("title")) {
          putIf(n, "title", x.title());
        }
        if (!n.has("description")) {
          putIf(n, "description", x.description());
        }
        if (!n.has("keywords") && !x.keywords().isEmpty()) {
          x.keywords().forEach(n.putArray("keywords")::add);
        }
        if (x.captureTime() != null && !root.has("captureTime")) {
          root.put("captureTime", x.captureTime().toString());
          root.put("captureTimeSource", "sidecar:xmp");
        }
        if (n.isEmpty()) {
          root.remove("xmp");
        }
      }
    }
    return root.toString();
  }

  public MetadataJson video(Duration duration, int rotation, String codec) {
    ObjectNode n = root.putObject("video");
    if (duration != null) {
      n.put("durationSeconds", duration.toMillis() / 1000.0);
    }
    n.put("rotation", rotation);
    putIf(n, "codec", codec);
    return this;
  }

  public MetadataJson texts(Map<String, String> texts) {
    if (!texts.isEmpty()) {
      ObjectNode n = root.putObject("text");
      texts.forEach(n::put);
    }
    return this;
  }

  public MetadataJson tags(Map<String, Map<String, String>> tags) {
    if (!tags.isEmpty()) {
      ObjectNode n = root.putObject("tags");
      tags.forEach((dir, values) -> {
        ObjectNode d = n.putObject(dir);
        values.forEach(d::put);
      });
    }
    return this;
  }

  public String build(List<String> warnings) {
    if (!warnings.isEmpty()) {
      warnings.forEach(root.putArray("warnings")::add);
    }
    return root.toString();
  }

  private static void putIf(ObjectNode n, String name, Object v) {
    switch (v) {
      case null -> { }
      case String s -> n.put(name, s);
      case Long l -> n.put(name, l);
      case Integer i -> n.put(name, i);
      case Double d -> n.put(name, d);
      default -> n.put(name, v.toString());
    }
  }
}
