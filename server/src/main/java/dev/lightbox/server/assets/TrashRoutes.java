package dev.lightbox.server.assets;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import java.util.List;

/**
 * The trash: what DELETE /api/assets/{id} moved there, restore, and empty (bytes removed for good). The
 * background purge after LIGHTBOX_TRASH_DAYS is {@link TrashPurge}.
 */
public final class TrashRoutes {
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private final AssetService assets;

  public TrashRoutes(AssetService assets) {
    this.assets = assets;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/api/trash", Access.USER, this::list)
            .summary("The user's assets in the trash, newest taken first, one page at a time (each with trashedAt)")
            .query("cursor", "limit").json(200, "A page: {items, nextCursor}").build(),
        Route.of("POST", "/api/trash/{id}/restore", Access.USER, this::restore)
            .summary("Take an asset out of the trash (an asset not in the trash stays as it is)")
            .json(200, "The Asset").returns(404, "No such asset (or not yours)", "application/problem+json").build(),
        Route.of("DELETE", "/api/trash", Access.USER, this::empty)
            .summary("Empty the trash: delete its assets with their originals and renditions for good; idempotent")
            .json(200, "{deleted: n}").build());
  }

  private void list(Exchange ex) {
    User user = ex.requireUser();
    int limit = AssetRoutes.intParam(ex, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    AssetQuery query = new AssetQuery(user.id(), null, null, null, null, AssetRoutes.cursor(ex.query("cursor")),
        limit + 1, new AssetQuery.Marks(null, null, null, null, true));
    AssetRoutes.sendPage(ex, assets.list(query), limit);
  }

  private void restore(Exchange ex) {
    Json.send(ex, 200, AssetJson.full(assets.marking().restore(ex.requireUser(), ex.pathParam("id"))));
  }

  private void empty(Exchange ex) {
    int deleted = assets.marking().emptyTrash(ex.requireUser());
    Json.send(ex, 200, Json.object().put("deleted", deleted));
  }
}
