package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.AuthService;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.serving.FastContent;
import dev.lightbox.server.system.Metrics;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Runs Jetty with the routes it is given: the API handler (fast content path first, then the router on
 * virtual threads) behind the web gallery. Which services exist and how they are built is decided in
 * {@code LightboxServer}; this class only listens.
 */
public final class HttpServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;

  private HttpServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /**
   * Listens on the configured host and port. {@code lifeCycles} (Jetty life cycles, such as a running
   * migration job) are stopped with the listener, before the stores and the catalog are closed.
   */
  public static HttpServer start(ServerConfig config, List<Route> routes, AuthService auth, Metrics metrics,
      FastContent fastContent, List<?> lifeCycles) {
    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("lightbox-http");
    Server jetty = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.addCustomizer(new NoSniff());
    if (!config.operations().trustedProxies().isEmpty()) {
      http.addCustomizer(new TrustedProxies(config.operations().trustedProxies()));
    }
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.addBean(new HeaderDeadline(config.operations().headerTimeout()));
    connector.setHost(config.host());
    connector.setPort(config.port());
    jetty.addConnector(connector);
    jetty.setHandler(new ApiHandler(new Router(routes), auth, metrics, fastContent));
    lifeCycles.forEach(jetty::addBean);
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

  /** The version in the jar's manifest, or the development version. */
  public static String version() {
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
