package dev.lightbox.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.Sidecar;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Routes for bulk clients such as {@code lightbox import}: which files does the server already hold. */
public final class IngestRoutes {
  /** Hashes per check request; a client with more sends several requests. */
  public static final int MAX_CHECK = 5_000;
  private static final int MAX_CHECK_BODY = MAX_CHECK * 70 + 1024;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private final AssetRepository assets;

  public IngestRoutes(AssetRepository assets) {
    this.assets = assets;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("POST", "/api/assets/check", Access.USER, this::check)
            .summary("Which of these SHA-256s the caller already has: {\"sha256\": [hex, ...]} (at most "
                + MAX_CHECK + "); with \"sidecars\": true also each present asset's id and sidecars")
            .body("json:BulkCheckRequest")
            .json(200, "{\"present\": [hex, ...]}: the subset already stored by this user, lower-case; with"
                + " sidecars: also {\"assets\": [{sha256, id, sidecars: [{name, sha256}]}]}")
            .returns(400, "Not a list of SHA-256 hex strings, or more than " + MAX_CHECK,
                "application/problem+json").build());
  }

  private void check(Exchange ex) {
    String owner = ex.requireUser().id();
    JsonNode request = Json.readObject(ex, MAX_CHECK_BODY);
    List<String> wanted = sha256s(request);
    boolean withSidecars = request.path("sidecars").asBoolean(false);
    Map<String, String> ids = withSidecars ? assets.idsBySha256(owner, wanted) : Map.of();
    Set<String> present = withSidecars ? ids.keySet() : assets.presentSha256s(owner, wanted);
    ObjectNode body = Json.object();
    ArrayNode out = body.putArray("present");
    wanted.stream().distinct().filter(present::contains).forEach(out::add);
    if (withSidecars) {
      Map<String, List<Sidecar>> sidecars = assets.sidecars().of(ids.values());
      ArrayNode list = body.putArray("assets");
      wanted.stream().distinct().filter(ids::containsKey).forEach(sha -> {
        ObjectNode a = list.addObject();
        a.put("sha256", sha);
        a.put("id", ids.get(sha));
        ArrayNode sc = a.putArray("sidecars");
        sidecars.getOrDefault(ids.get(sha), List.of()).forEach(s -> sc.addObject().put("name", s.name())
            .put("sha256", s.sha256()));
      });
    }
    Json.send(ex, 200, body);
  }

  private static List<String> sha256s(JsonNode request) {
    JsonNode list = request.get("sha256");
    if (list == null || !list.isArray()) {
      throw ServerException.badRequest("'sha256' is required and must be a list of SHA-256 hex strings");
    }
    if (list.size() > MAX_CHECK) {
      throw ServerException.badRequest("'sha256' has " + list.size() + " entries; send at most " + MAX_CHECK
          + " per request and split the rest into more requests");
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode v = list.get(i);
      if (!v.isTextual() || !SHA256_HEX.matcher(v.asText()).matches()) {
        throw ServerException.badRequest("'sha256'[" + i + "] is not a SHA-256: expected 64 hex digits");
      }
      out.add(v.asText().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
