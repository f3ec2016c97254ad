package dev.lightbox.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3.1 document from the route table itself, so it cannot drift from the routes. */
public final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private OpenApi() {
  }

  public static ObjectNode document(List<Route> routes, String version) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Lightbox API");
    info.put("version", version);
    info.put("description", "Media library server: upload, list, serve and delete images and videos.");
    ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
    schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "x-api-key");
    schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", ApiHandler.SESSION_COOKIE);
    ObjectNode paths = doc.putObject("paths");
    for (Route r : routes) {
      ObjectNode path = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
      ObjectNode op = path.putObject(r.method().toLowerCase(Locale.ROOT));
      op.put("summary", r.summary());
      op.put("operationId", operationId(r));
      ArrayNode params = op.putArray("parameters");
      Matcher m = PARAM.matcher(r.path());
      while (m.find()) {
        params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
            .putObject("schema").put("type", "string");
      }
      r.queryParams().forEach(q -> params.addObject().put("name", q).put("in", "query").put("required", false)
          .putObject("schema").put("type", "string"));
      if (r.requestBody() != null) {
        ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
        if (r.requestBody().equals("upload")) {
          ObjectNode parts = content.putObject("multipart/form-data").putObject("schema").put("type", "object")
              .putObject("properties");
          parts.putObject("file").put("type", "string").put("format", "binary");
          parts.putObject("sidecar").put("type", "array").putObject("items").put("type", "string")
              .put("format", "binary");
          content.putObject("application/octet-stream").putObject("schema").put("type", "string")
              .put("format", "binary");
        } else if (r.requestBody().equals("raw")) {
          content.putObject("application/octet-stream").putObject("schema").put("type", "string")
              .put("format", "binary");
        } else {
          content.putObject("application/json").putObject("schema").put("type", "object")
              .put("description", r.requestBody().substring("json:".length()));
        }
      }
      if (r.access() != Access.PUBLIC) {
        ArrayNode security = op.putArray("security");
        security.addObject().putArray("apiKey");
        security.addObject().putArray("session");
      }
      ObjectNode responses = op.putObject("responses");
      for (Route.Response resp : r.responses()) {
        ObjectNode rn = responses.putObject(Integer.toString(resp.status())).put("description", resp.description());
        if (resp.contentType() != null) {
          rn.putObject("content").putObject(resp.contentType());
        }
      }
      if (r.access() != Access.PUBLIC) {
        responses.putObject("401").put("description", "Not logged in, expired session or wrong API key");
      }
      if (r.access() == Access.ADMIN) {
        responses.putObject("403").put("description", "Not an admin");
      }
    }
    return doc;
  }

  private static String operationId(Route r) {
    StringBuilder sb = new StringBuilder(r.method().toLowerCase(Locale.ROOT));
    for (String seg : r.path().split("[/{}]")) {
      if (!seg.isEmpty() && !seg.equals("api")) {
        sb.append(Character.toUpperCase(seg.charAt(0))).append(seg.substring(1));
      }
    }
    return sb.toString().replace(".json", "Json");
  }
}
