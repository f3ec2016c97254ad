package dev.lightbox.server.internal.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.assets.ContentService;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.internal.ingest.IngestService;
import dev.lightbox.server.internal.ingest.KeyTemplate;
import dev.lightbox.server.internal.ingest.UploadSpooler;
import dev.lightbox.server.internal.media.MediaEngine;
import dev.lightbox.server.internal.service.AssetService;
import dev.lightbox.server.internal.service.AuthService;
import dev.lightbox.server.internal.service.UserService;
import dev.lightbox.server.internal.storage.LibraryStorage;
import dev.lightbox.server.internal.storage.ObjectCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Wires services to routes and runs Jetty with handlers on virtual threads. */
public final class HttpServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;

  private HttpServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  public static HttpServer start(ServerConfig config, Catalog catalog, LibraryStorage storage, MediaEngine media,
      Clock clock, Consumer<String> announce) {
    Metrics metrics = new Metrics();
    UploadSpooler spooler = new UploadSpooler(config.tempDir(), config.maxUploadBytes());
    AssetService assets = new AssetService(catalog.assets(), storage);
    AuthService auth = new AuthService(catalog, config.sessionTtl(), clock);
    UserService users = new UserService(catalog, assets, auth);
    IngestService ingest = new IngestService(catalog.assets(), storage, media,
        new KeyTemplate(config.storageTemplate()), spooler);
    metrics.gauge("lightbox_assets", assets::count);
    ObjectCache cache = new ObjectCache(config.cacheBytes(), ContentService.SMALL_OBJECT);
    metrics.counter("lightbox_object_cache_hits_total", cache::hits);
    metrics.counter("lightbox_object_cache_misses_total", cache::misses);
    metrics.gauge("lightbox_object_cache_bytes", cache::size);

    List<Route> routes = new ArrayList<>();
    SystemRoutes system = new SystemRoutes(catalog, storage, media, metrics, () -> routes, version());
    routes.addAll(system.routes());
    routes.addAll(new AccountRoutes(auth, users, config.secureCookies()).routes());
    routes.addAll(new AssetRoutes(ingest, assets, spooler, metrics).routes());
    ContentService content = new ContentService(assets, storage, cache, config.s3ServeMode(),
        config.presignedUrlExpiry(), clock);
    ContentAnswers answers = new ContentAnswers();
    routes.addAll(new ContentRoutes(content, answers).routes());
    MigrationRoutes migrations = new MigrationRoutes(catalog, storage);
    routes.addAll(migrations.routes());

    users.ensureFirstAdmin(config.adminEmail(), config.adminPassword(), password -> announce.accept(
        "Created the admin " + config.adminEmail() + " with the generated password: " + password
            + "\n  (shown only this once; set LIGHTBOX_ADMIN_PASSWORD before the first start to choose it)"));

    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("lightbox-http");
    Server jetty = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    jetty.setHandler(new ApiHandler(new Router(routes), auth, metrics,
        new FastContent(auth, content, answers, metrics)));
    jetty.addBean(migrations); // stops a running migration job (it stays resumable) when the server stops
    jetty.setErrorHandler(new ProblemErrorHandler());
    jetty.setHandler(WebApp.inFrontOf(jetty.getHandler(), routes, metrics, config)); // the web gallery
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // reporting the start failure
      }
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "cannot listen on " + config.host() + ":"
          + config.port() + " (" + e.getMessage() + "); set LIGHTBOX_PORT to a free port", e);
    }
    return new HttpServer(jetty, connector);
  }

  static String version() {
    String v = HttpServer.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new ServerException(ServerException.Kind.INTERNAL, "stopping the HTTP server failed", e);
    }
  }
}
