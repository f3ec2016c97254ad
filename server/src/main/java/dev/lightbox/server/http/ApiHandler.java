package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.accounts.AuthService;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.serving.FastContent;
import dev.lightbox.server.system.Metrics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler: routes, authenticates, runs the route's handler (blocking, on a virtual thread),
 * maps every failure to a problem+json answer, and counts requests. No stack trace reaches a client.
 * Plain GETs of small cached objects are answered at once on the I/O thread ({@link FastContent}).
 */
public final class ApiHandler extends Handler.Abstract {
  public static final String SESSION_COOKIE = "lightbox_session";
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private final Router router;
  private final AuthService auth;
  private final Metrics metrics;
  private final FastContent fast;
  private final ExecutorService requests = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("lightbox-request-", 0).factory());

  ApiHandler(Router router, AuthService auth, Metrics metrics, FastContent fast) {
    super(InvocationType.NON_BLOCKING);
    this.router = router;
    this.auth = auth;
    this.metrics = metrics;
    this.fast = fast;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (fast != null && fast.tryServe(request, response, callback)) {
      return true;
    }
    try {
      requests.execute(() -> handleBlocking(request, response, callback));
    } catch (RejectedExecutionException e) {
      callback.failed(e); // stopping
    }
    return true;
  }

  @Override
  protected void doStop() throws Exception {
    requests.shutdown();
    super.doStop();
  }

  private void handleBlocking(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = Request.getPathInContext(request);
    Router.Match match = router.match(request.getMethod(), path);
    Exchange ex = new Exchange(request, response, callback, match == null ? java.util.Map.of() : match.params());
    String routeLabel = match != null && match.route() != null ? match.route().path() : "unmatched";
    try {
      if (match == null) {
        throw ServerException.notFound("no API route " + path + "; see /api/openapi.json");
      }
      if (match.methodMismatch()) {
        response.getHeaders().put("Allow", router.allowedMethods(path));
        throw new ServerException(Kind.UNSUPPORTED_OPERATION, request.getMethod() + " is not allowed on " + path
            + "; allowed: " + router.allowedMethods(path));
      }
      CrossSiteGuard.check(request, path, ex.cookie(SESSION_COOKIE) != null);
      authenticate(ex, match.route().access());
      match.route().handler().handle(ex);
      if (!ex.completesItself()) {
        callback.succeeded();
      }
    } catch (Throwable t) {
      fail(ex, request, response, callback, t);
    } finally {
      metrics.request(request.getMethod(), routeLabel, response.getStatus(), System.nanoTime() - start);
    }
  }

  private void authenticate(Exchange ex, Access access) {
    boolean quiet = access == Access.PUBLIC; // public routes ignore bad credentials instead of refusing
    User user = null;
    String apiKey = ex.header("x-api-key");
    if (apiKey != null) {
      user = auth.userForApiKey(apiKey.trim());
      if (user == null && !quiet) {
        throw new ServerException(Kind.UNAUTHENTICATED, auth.apiKeyRefusal(apiKey.trim()));
      }
    } else {
      String token = ex.cookie(SESSION_COOKIE);
      if (token != null) {
        user = auth.userForSession(token);
        if (user == null && !quiet) {
          throw new ServerException(Kind.UNAUTHENTICATED, "your session has expired; log in again");
        }
      }
    }
    ex.user(user);
    if (quiet) {
      return;
    }
    if (user == null) {
      throw new ServerException(Kind.UNAUTHENTICATED,
          "log in with POST /api/auth/login or send an API key in the x-api-key header");
    }
    if (access == Access.ADMIN && !user.admin()) {
      throw new ServerException(Kind.FORBIDDEN, "only an admin may do this");
    }
  }

  /**
   * Reads and drops up to 8 MiB of an unread request body before the answer. Closing a connection with unread
   * bytes makes the kernel reset it and the client may lose the answer (the JDK client, whose write then fails,
   * drops an answer already received), while keeping it open with unread bytes makes the next request on it
   * fail. A client that sent Expect: 100-continue never sent the body at all, so there is nothing to drain.
   */
  private static void drainSome(Exchange ex, Request request) {
    if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
      return;
    }
    try {
      ex.drainBody(8L << 20);
    } catch (java.io.IOException | RuntimeException ignored) {
      // the client went away: nothing to protect
    }
  }

  private static boolean hasBody(Request request) {
    return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
  }

  private void fail(Exchange ex, Request request, Response response, Callback callback, Throwable t) {
    ServerException se = t instanceof ServerException s ? s : null;
    if (se == null) {
      LOG.error("{} {} failed", request.getMethod(), Request.getPathInContext(request), t);
      se = new ServerException(Kind.INTERNAL, "the server failed to answer; the error is in its log");
    } else if (Problems.status(se.kind()) >= 500) {
      LOG.warn("{} {}: {}", request.getMethod(), Request.getPathInContext(request), se.getMessage(), se.getCause());
    }
    if (ex.completesItself()) {
      return; // the pending write owns the callback
    }
    if (ex.isCommitted()) {
      callback.failed(t); // headers are out: abort the connection rather than send a wrong body
      return;
    }
    try {
      response.reset();
      if (se.kind() == Kind.UNSUPPORTED_OPERATION) {
        response.getHeaders().put("Allow", router.allowedMethods(Request.getPathInContext(request)));
      }
      if (se.kind() == Kind.TOO_LARGE) {
        drainSome(ex, request); // so that the answer is read before the connection closes on the rest
        response.getHeaders().put("Connection", "close");
      } else if (hasBody(request)) {
        // Refused with its body maybe unread (401, 403, 404, or a handler that stopped reading early): what
        // is left must not be parsed as the next request, and whether a handler's partial read left the
        // rest readable is not knowable here, so the body is drained (for the client to get this answer)
        // and the connection ends with it.
        drainSome(ex, request);
        response.getHeaders().put("Connection", "close");
      }
      if (se.kind() == Kind.UNAUTHENTICATED) {
        response.getHeaders().put("WWW-Authenticate", "ApiKey header=\"x-api-key\"");
      }
      Problems.send(ex, se);
      callback.succeeded();
    } catch (Throwable inner) {
      callback.failed(inner);
    }
  }
}
