package dev.lightbox.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import java.io.IOException;
import java.io.InputStream;

/** JSON in and out. Bad JSON from a client is a 400 naming the problem, never a stack trace. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final int MAX_BODY = 64 * 1024;

  private Json() {
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ServerException(ServerException.Kind.INTERNAL, "could not write JSON", e);
    }
  }

  public static void send(Exchange ex, int status, Object value) {
    ex.send(status, "application/json", bytes(value));
  }

  /** Reads a JSON object body of at most 64 KiB. */
  public static JsonNode readObject(Exchange ex) {
    return readObject(ex, MAX_BODY);
  }

  /** Reads a JSON object body of at most {@code maxBytes}. */
  public static JsonNode readObject(Exchange ex, int maxBytes) {
    String type = ex.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ServerException(ServerException.Kind.UNSUPPORTED_FORMAT,
          "send the body as JSON with Content-Type: application/json");
    }
    try (InputStream in = ex.body()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw new ServerException(ServerException.Kind.TOO_LARGE,
            "a JSON body here may be at most " + maxBytes / 1024 + " KiB");
      }
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ServerException.badRequest("the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ServerException.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw ServerException.badRequest("reading the body failed: " + e.getMessage());
    }
  }

  /** A required text field. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw ServerException.badRequest("'" + field + "' is required and must be a string");
    }
    return v.asText();
  }

  public static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ServerException.badRequest("'" + field + "' must be a string");
    }
    return v.asText();
  }
}
