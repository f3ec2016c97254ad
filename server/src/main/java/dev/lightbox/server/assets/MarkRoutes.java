package dev.lightbox.server.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import java.util.ArrayList;
import java.util.List;

/** Favourite, rating and tags of an asset, and the user's tags with counts. */
public final class MarkRoutes {
  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_TAGS = 100;
  private final AssetMarking marking;

  public MarkRoutes(AssetService assets) {
    this.marking = assets.marking();
  }

  public List<Route> routes() {
    return List.of(
        Route.of("PATCH", "/api/assets/{id}", Access.USER, this::mark)
            .summary("Mark an asset: {\"favorite\": true|false, \"rating\": 0-5}; fields left out stay as they are")
            .body("json:AssetMarks").json(200, "The Asset")
            .returns(400, "A bad favourite or rating", "application/problem+json")
            .returns(404, "No such asset (or not yours)", "application/problem+json").build(),
        Route.of("POST", "/api/assets/{id}/tags", Access.USER, this::addTags)
            .summary("Add free tags: {\"tags\": [\"beach\", ...]} (trimmed, lower-case, 1-64 characters, no '/')")
            .body("json:TagsRequest").json(200, "The Asset with its tags")
            .returns(400, "A bad tag", "application/problem+json")
            .returns(404, "No such asset (or not yours)", "application/problem+json").build(),
        Route.of("DELETE", "/api/assets/{id}/tags/{tag}", Access.USER, this::removeTag)
            .summary("Remove a tag from an asset (a tag it does not have is no error)")
            .json(200, "The Asset with its tags")
            .returns(404, "No such asset (or not yours)", "application/problem+json").build(),
        Route.of("GET", "/api/tags", Access.USER, this::tags)
            .summary("The user's tags with how many assets outside the trash carry each, most used first")
            .json(200, "{items: [{tag, count}]}").build());
  }

  private void mark(Exchange ex) {
    JsonNode body = Json.readObject(ex, MAX_BODY);
    Boolean favorite = null;
    JsonNode f = body.get("favorite");
    if (f != null && !f.isNull()) {
      if (!f.isBoolean()) {
        throw ServerException.badRequest("'favorite' must be true or false");
      }
      favorite = f.asBoolean();
    }
    Integer rating = null;
    JsonNode r = body.get("rating");
    if (r != null && !r.isNull()) {
      if (!r.canConvertToInt() || !r.isIntegralNumber()) {
        throw ServerException.badRequest("'rating' must be a whole number from 0 to " + AssetMarks.MAX_RATING);
      }
      rating = r.asInt();
    }
    if (favorite == null && rating == null) {
      throw ServerException.badRequest("send 'favorite' (true or false) and/or 'rating' (0 to 5)");
    }
    Json.send(ex, 200, AssetJson.full(marking.mark(ex.requireUser(), ex.pathParam("id"), favorite, rating)));
  }

  private void addTags(Exchange ex) {
    JsonNode list = Json.readObject(ex, MAX_BODY).get("tags");
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_TAGS) {
      throw ServerException.badRequest("'tags' is required: a list of 1 to " + MAX_TAGS + " tags");
    }
    List<String> tags = new ArrayList<>();
    list.forEach(t -> {
      if (!t.isTextual()) {
        throw ServerException.badRequest("every tag must be a string");
      }
      tags.add(t.asText());
    });
    Json.send(ex, 200, AssetJson.full(marking.addTags(ex.requireUser(), ex.pathParam("id"), tags)));
  }

  private void removeTag(Exchange ex) {
    Json.send(ex, 200, AssetJson.full(marking.removeTag(ex.requireUser(), ex.pathParam("id"), ex.pathParam("tag"))));
  }

  private void tags(Exchange ex) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    for (AssetMarksRepository.TagCount t : marking.tags(ex.requireUser())) {
      items.addObject().put("tag", t.tag()).put("count", t.count());
    }
    Json.send(ex, 200, body);
  }
}
