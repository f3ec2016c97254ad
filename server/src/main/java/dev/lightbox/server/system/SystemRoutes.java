package dev.lightbox.server.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.OpenApi;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.media.MediaEngine;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** {@code /health}, {@code /metrics} and {@code /api/openapi.json}. */
public final class SystemRoutes {
  private final Catalog catalog;
  private final LibraryStorage storage;
  private final MediaEngine media;
  private final Metrics metrics;
  private final Supplier<List<Route>> allRoutes;
  private final String version;
  private final byte[] metricsToken;
  private volatile byte[] openApi;

  /**
   * @param metricsToken the bearer token that may read {@code /metrics} besides admins (LIGHTBOX_METRICS_TOKEN),
   *     or null for admins only
   */
  public SystemRoutes(Catalog catalog, LibraryStorage storage, MediaEngine media, Metrics metrics,
      Supplier<List<Route>> allRoutes, String version, String metricsToken) {
    this.metricsToken = metricsToken == null ? null : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
    this.catalog = catalog;
    this.storage = storage;
    this.media = media;
    this.metrics = metrics;
    this.allRoutes = allRoutes;
    this.version = version;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("GET", "/health", Access.PUBLIC, this::health)
            .summary("Liveness with the catalog, storage and media engine").json(200, "Healthy")
            .json(503, "The catalog does not answer").build(),
        // PUBLIC so that the bearer token can be checked here; credentials, when sent, still identify an admin.
        Route.of("GET", "/metrics", Access.PUBLIC, this::metrics)
            .summary("Prometheus metrics, for admins or with Authorization: Bearer <LIGHTBOX_METRICS_TOKEN>")
            .returns(200, "Text exposition format 0.0.4", "text/plain").json(401, "No admin and no valid token")
            .json(403, "Not an admin").build(),
        Route.of("GET", "/api/openapi.json", Access.PUBLIC, this::openApi)
            .summary("This document").json(200, "OpenAPI 3.1").build());
  }

  private void health(Exchange ex) {
    boolean db = catalog.ping();
    ObjectNode n = Json.object();
    n.put("status", db ? "ok" : "degraded");
    n.put("version", version);
    n.putObject("catalog").put("ok", db).put("database", catalog.isPostgres() ? "postgresql" : "sqlite");
    ObjectNode st = n.putObject("storage");
    st.put("writeBackend", storage.writeBackend().id());
    List<String> configured = new ArrayList<>();
    for (StorageBackend b : StorageBackend.values()) {
      if (storage.has(b)) {
        configured.add(b.id());
      }
    }
    st.putPOJO("backends", configured);
    ObjectNode m = n.putObject("media");
    m.put("engine", media.engine());
    m.put("renditions", media.rendersRenditions());
    m.put("video", media.videoSupported());
    ex.header("Cache-Control", "no-store");
    Json.send(ex, db ? 200 : 503, n);
  }

  private void metrics(Exchange ex) {
    User user = ex.user();
    if ((user == null || !user.admin()) && !tokenMatches(ex.header("Authorization"))) {
      if (user != null) {
        throw new ServerException(ServerException.Kind.FORBIDDEN,
            "only an admin, or a scraper with the LIGHTBOX_METRICS_TOKEN bearer token, may read /metrics");
      }
      throw new ServerException(ServerException.Kind.UNAUTHENTICATED, "/metrics needs Authorization: Bearer"
          + " <LIGHTBOX_METRICS_TOKEN> (set that setting for a scraper) or an admin's session or API key");
    }
    ex.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render().getBytes(StandardCharsets.UTF_8));
  }

  private boolean tokenMatches(String authorization) {
    return metricsToken != null && authorization != null
        && MessageDigest.isEqual(metricsToken, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  private void openApi(Exchange ex) {
    byte[] doc = openApi;
    if (doc == null) {
      doc = Json.bytes(OpenApi.document(allRoutes.get(), version));
      openApi = doc;
    }
    ex.send(200, "application/json", doc);
  }
}
