package dev.lightbox.server.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.http.Json;

/** The JSON view of an asset. Storage locations stay inside the server. */
final class AssetJson {
  private AssetJson() {
  }

  static ObjectNode summary(Asset a) {
    ObjectNode n = Json.object();
    n.put("id", a.id());
    n.put("fileName", a.originalName());
    n.put("mediaType", a.mediaType());
    n.put("size", a.sizeBytes());
    n.put("sha256", a.sha256());
    n.put("width", a.width());
    n.put("height", a.height());
    n.put("orientation", a.orientation());
    n.put("captureTime", a.captureTime());
    n.put("takenAt", a.takenAt().toString());
    n.put("createdAt", a.createdAt().toString());
    n.put("aiPrompt", a.aiPrompt());
    n.put("offline", a.offline());
    n.put("favorite", a.marks().favorite());
    n.put("rating", a.marks().rating());
    a.marks().tags().forEach(n.putArray("tags")::add);
    n.put("trashedAt", a.trashed() ? a.marks().trashedAt().toString() : null);
    ObjectNode links = n.putObject("links");
    links.put("original", "/api/assets/" + a.id() + "/original");
    for (ObjectKind kind : new ObjectKind[] {ObjectKind.THUMBNAIL, ObjectKind.PREVIEW}) {
      StoredRendition r = a.renditions().get(kind.rendition());
      links.put(kind.id(), r == null ? null : "/api/assets/" + a.id() + "/" + kind.id());
    }
    return n;
  }

  static ObjectNode full(Asset a, java.util.List<Sidecar> sidecars) {
    ObjectNode n = full(a);
    com.fasterxml.jackson.databind.node.ArrayNode list = n.putArray("sidecars");
    for (Sidecar s : sidecars) {
      ObjectNode sn = list.addObject();
      sn.put("name", s.name());
      sn.put("type", s.type());
      sn.put("mediaType", s.mediaType());
      sn.put("size", s.sizeBytes());
      sn.put("sha256", s.sha256());
      sn.put("link", "/api/assets/" + a.id() + "/sidecars/" + java.net.URLEncoder.encode(s.name(),
          java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return n;
  }

  static ObjectNode full(Asset a) {
    ObjectNode n = summary(a);
    ObjectNode renditions = n.putObject("renditions");
    a.renditions().values().forEach(r -> {
      ObjectNode rn = renditions.putObject(r.kind().id());
      rn.put("mediaType", r.mediaType());
      rn.put("width", r.width());
      rn.put("height", r.height());
      rn.put("size", r.sizeBytes());
    });
    n.set("metadata", parse(a.metadataJson()));
    return n;
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return Json.object();
    }
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      ObjectNode raw = Json.object();
      raw.put("unparsed", json);
      return raw;
    }
  }
}
