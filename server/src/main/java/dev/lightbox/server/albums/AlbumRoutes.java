package dev.lightbox.server.albums;

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

/** Albums over HTTP; their assets are listed by {@code GET /api/assets?album={id}}. */
public final class AlbumRoutes {
  private static final int MAX_BODY = 256 * 1024;
  private static final String PROBLEM = "application/problem+json";
  private final AlbumService albums;

  public AlbumRoutes(AlbumService albums) {
    this.albums = albums;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/api/albums", Access.USER, this::list)
            .summary("The user's albums, newest first, with assetCount and cover").json(200, "{items: [Album]}")
            .build(),
        Route.of("POST", "/api/albums", Access.USER, this::create)
            .summary("Create an album: {\"name\": \"Holidays\", \"assetIds\": [optional]}").body("json:AlbumCreate")
            .json(201, "The Album").returns(400, "A bad name", PROBLEM)
            .returns(404, "An asset id that is not the user's (named in the answer)", PROBLEM).build(),
        Route.of("GET", "/api/albums/{id}", Access.USER, this::get)
            .summary("One album; its assets: GET /api/assets?album={id}").json(200, "The Album")
            .returns(404, "No such album (or not yours)", PROBLEM).build(),
        Route.of("PATCH", "/api/albums/{id}", Access.USER, this::update)
            .summary("Rename and/or set the cover: {\"name\": ..., \"coverAssetId\": id, or \"\" for the newest asset}")
            .body("json:AlbumUpdate").json(200, "The Album").returns(400, "A bad name", PROBLEM)
            .returns(404, "No such album or asset (or not yours)", PROBLEM)
            .returns(409, "The cover is not in the album", PROBLEM).build(),
        Route.of("DELETE", "/api/albums/{id}", Access.USER, this::delete)
            .summary("Delete an album; its assets stay").returns(204, "Deleted", null)
            .returns(404, "No such album (or not yours)", PROBLEM).build(),
        Route.of("POST", "/api/albums/{id}/assets", Access.USER, this::add)
            .summary("Add assets: {\"assetIds\": [...]} (at most " + AlbumService.MAX_ASSETS_PER_CALL + ")")
            .body("json:AlbumAssets").json(200, "{added: n, album: Album}")
            .returns(404, "No such album, or an asset id that is not the user's (named)", PROBLEM).build(),
        Route.of("POST", "/api/albums/{id}/assets/remove", Access.USER, this::remove)
            .summary("Remove assets from the album (they stay in the library): {\"assetIds\": [...]}")
            .body("json:AlbumAssets").json(200, "{removed: n, album: Album}")
            .returns(404, "No such album (or not yours)", PROBLEM).build());
  }

  private void list(Exchange ex) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    albums.list(ex.requireUser()).forEach(a -> items.add(json(a)));
    Json.send(ex, 200, body);
  }

  private void create(Exchange ex) {
    JsonNode body = Json.readObject(ex, MAX_BODY);
    Album album = albums.create(ex.requireUser(), Json.optionalText(body, "name"), assetIds(body, false));
    ex.header("Location", "/api/albums/" + album.id());
    Json.send(ex, 201, json(album));
  }

  private void get(Exchange ex) {
    Json.send(ex, 200, json(albums.get(ex.requireUser(), ex.pathParam("id"))));
  }

  private void update(Exchange ex) {
    JsonNode body = Json.readObject(ex, MAX_BODY);
    String name = Json.optionalText(body, "name");
    String cover = Json.optionalText(body, "coverAssetId");
    if (name == null && cover == null) {
      throw ServerException.badRequest("send 'name' and/or 'coverAssetId'");
    }
    Json.send(ex, 200, json(albums.update(ex.requireUser(), ex.pathParam("id"), name, cover)));
  }

  private void delete(Exchange ex) {
    albums.delete(ex.requireUser(), ex.pathParam("id"));
    ex.sendEmpty(204);
  }

  private void add(Exchange ex) {
    List<String> ids = assetIds(Json.readObject(ex, MAX_BODY), true);
    int added = albums.add(ex.requireUser(), ex.pathParam("id"), ids);
    ObjectNode body = Json.object().put("added", added);
    body.set("album", json(albums.get(ex.requireUser(), ex.pathParam("id"))));
    Json.send(ex, 200, body);
  }

  private void remove(Exchange ex) {
    List<String> ids = assetIds(Json.readObject(ex, MAX_BODY), true);
    int removed = albums.remove(ex.requireUser(), ex.pathParam("id"), ids);
    ObjectNode body = Json.object().put("removed", removed);
    body.set("album", json(albums.get(ex.requireUser(), ex.pathParam("id"))));
    Json.send(ex, 200, body);
  }

  private static List<String> assetIds(JsonNode body, boolean required) {
    JsonNode list = body.get("assetIds");
    if (list == null || list.isNull()) {
      if (required) {
        throw ServerException.badRequest("'assetIds' is required: a list of asset ids");
      }
      return List.of();
    }
    if (!list.isArray()) {
      throw ServerException.badRequest("'assetIds' must be a list of asset ids");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isTextual() || n.asText().isBlank()) {
        throw ServerException.badRequest("every entry of 'assetIds' must be an asset id string");
      }
      out.add(n.asText());
    }
    return out;
  }

  static ObjectNode json(Album a) {
    ObjectNode n = Json.object();
    n.put("id", a.id());
    n.put("name", a.name());
    n.put("assetCount", a.assetCount());
    n.put("coverAssetId", a.coverAssetId());
    n.put("explicitCover", a.explicitCover());
    n.put("coverThumbnail", a.coverAssetId() == null ? null : "/api/assets/" + a.coverAssetId() + "/thumbnail");
    n.put("assets", "/api/assets?album=" + a.id());
    n.put("createdAt", a.createdAt().toString());
    n.put("updatedAt", a.updatedAt().toString());
    return n;
  }
}
