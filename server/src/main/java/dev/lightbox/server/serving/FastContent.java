package dev.lightbox.server.serving;

import dev.lightbox.server.accounts.AuthService;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.http.ApiHandler;
import dev.lightbox.server.system.Metrics;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The hot path of a gallery: a GET of an object whose caller and asset are already cached, answered on the
 * thread that read the request with one asynchronous write, like a static file server. The answer is the
 * one {@link ContentService#planFromMemory} plans (bytes from the object cache or a small local file, a 304,
 * a presigned URL handed out moments ago) and {@link ContentAnswers} writes, as the full route would. When
 * the plan would need I/O, or on a query or an uncached caller, this returns false and the full route
 * answers on a virtual thread.
 */
public final class FastContent {
  private static final String[] ROUTE_LABELS = java.util.Arrays.stream(ObjectKind.values())
      .map(kind -> "/api/assets/{id}/" + kind.id()).toArray(String[]::new);
  private final AuthService auth;
  private final ContentService content;
  private final ContentAnswers answers;
  private final Metrics metrics;

  public FastContent(AuthService auth, ContentService content, ContentAnswers answers, Metrics metrics) {
    this.auth = auth;
    this.content = content;
    this.answers = answers;
    this.metrics = metrics;
  }

  public boolean tryServe(Request request, Response response, Callback callback) {
    if (!"GET".equals(request.getMethod()) || request.getHttpURI().getQuery() != null) {
      return false;
    }
    String path = request.getHttpURI().getPath();
    if (!path.startsWith("/api/assets/")) {
      return false;
    }
    int slash = path.indexOf('/', 12);
    if (slash < 0) {
      return false;
    }
    ObjectKind kind = ObjectKind.fromId(path.substring(slash + 1));
    HttpFields h = request.getHeaders();
    if (kind == null || h.contains("Range")) {
      return false;
    }
    String apiKey = h.get("x-api-key");
    User user = auth.cachedUser(apiKey, apiKey == null ? sessionCookie(request) : null);
    if (user == null) {
      return false;
    }
    ContentPlan plan = content.planFromMemory(new ContentRequest(user, path.substring(12, slash), kind, false,
        false, h.get("If-Match"), h.get("If-None-Match"), h.get("If-Modified-Since"), h.get("If-Unmodified-Since"),
        null, null));
    if (plan instanceof ContentPlan.NeedsIo || plan instanceof ContentPlan.Stream) {
      return false;
    }
    long start = System.nanoTime();
    int status = answers.headers(plan, response.getHeaders());
    response.setStatus(status);
    response.write(true, ContentAnswers.body(plan), callback);
    metrics.request("GET", ROUTE_LABELS[kind.ordinal()], status, System.nanoTime() - start);
    return true;
  }

  private static String sessionCookie(Request request) {
    if (request.getHeaders().get("Cookie") == null) {
      return null;
    }
    for (HttpCookie c : Request.getCookies(request)) {
      if (c.getName().equals(ApiHandler.SESSION_COOKIE)) {
        return c.getValue();
      }
    }
    return null;
  }
}
