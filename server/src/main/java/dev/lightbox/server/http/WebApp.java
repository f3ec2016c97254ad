package dev.lightbox.server.http;

import dev.lightbox.server.config.ServeMode;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.system.Metrics;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web gallery in front of the API: {@code /} is the single page, {@code /ui/*} its scripts and styles,
 * all held in memory from the classpath. An unknown {@code /ui/} file is a plain 404; a browser navigating
 * to a path outside {@code /api/} that no route knows gets a small HTML "not found" page linking home;
 * everything else (the API, the content routes, any other method) goes on to the API handler untouched.
 */
final class WebApp extends Handler.Wrapper {
  private static final String UI_PREFIX = "/ui/";

  private final WebFiles files;
  private final Router router;
  private final Metrics metrics;
  private final String csp;

  /** The gallery in front of the API handler; {@code routes} are the API's, which the gallery never shadows. */
  static WebApp inFrontOf(Handler api, List<Route> routes, Metrics metrics, ServerConfig config) {
    return new WebApp(api, new Router(routes), metrics, contentSecurityPolicy(redirectedImageSources(config)));
  }

  WebApp(Handler api, Router router, Metrics metrics, String contentSecurityPolicy) {
    super(api);
    this.files = WebFiles.load();
    this.router = router;
    this.metrics = metrics;
    this.csp = contentSecurityPolicy;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return super.handle(request, response, callback);
    }
    String path = Request.getPathInContext(request);
    WebFiles.File file = switch (path) {
      case "/", "/index.html" -> files.get("index.html");
      default -> path.startsWith(UI_PREFIX) ? files.get(path.substring(UI_PREFIX.length())) : null;
    };
    long start = System.nanoTime();
    if (file != null) {
      serve(request, response, callback, file, 200);
    } else if (path.startsWith(UI_PREFIX)) {
      serve(request, response, callback, files.get("not-found.txt"), 404);
    } else if (!path.startsWith("/api/") && router.match(method, path) == null && wantsHtml(request)) {
      serve(request, response, callback, files.get("not-found.html"), 404);
    } else {
      return super.handle(request, response, callback);
    }
    metrics.request(method, "/ui", response.getStatus(), System.nanoTime() - start);
    return true;
  }

  private static boolean wantsHtml(Request request) {
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return accept != null && accept.contains("text/html");
  }

  private void serve(Request request, Response response, Callback callback, WebFiles.File file, int status) {
    var headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, file.contentType());
    headers.put("Content-Security-Policy", csp);
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("X-Frame-Options", "DENY");
    if (status == 200) {
      headers.put(HttpHeader.ETAG, file.etag());
      headers.put(HttpHeader.CACHE_CONTROL, "no-cache"); // small files: always revalidate, usually a 304
      if (matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), file.etag())) {
        headers.remove(HttpHeader.CONTENT_TYPE);
        response.setStatus(304);
        response.write(true, null, callback);
        return;
      }
    } else {
      headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }
    response.setStatus(status);
    headers.put(HttpHeader.CONTENT_LENGTH, file.body().length);
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(file.body()), callback);
  }

  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the browser may load images from besides this server: in S3 redirect mode thumbnails and previews
   * come from the presigned URLs of the bucket's store, whose origins the store's own settings give.
   */
  static String redirectedImageSources(ServerConfig config) {
    if (config.s3() == null || config.s3ServeMode() != ServeMode.REDIRECT) {
      return "";
    }
    return String.join(" ", config.s3().presignOrigins());
  }

  /** The policy for the gallery's pages: only our own scripts and styles, images also from {@code extraImageSources}. */
  static String contentSecurityPolicy(String extraImageSources) {
    String images = "'self'" + (extraImageSources.isEmpty() ? "" : " " + extraImageSources);
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + images + "; media-src "
        + images + "; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }
}
