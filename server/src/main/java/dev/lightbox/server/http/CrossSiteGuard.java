package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Refuses state-changing requests that a browser sends with the session cookie on behalf of another page:
 * SameSite=Lax still lets a page on another port of the same host, or on a sibling subdomain, post with the
 * cookie. A request counts as the gallery's own when the browser says so ({@code Sec-Fetch-Site:
 * same-origin}) or, from browsers that do not send that header, when its {@code Origin} (else its
 * {@code Referer}) is this server's own origin. A request with neither header is not from a browser page and
 * passes; so does any request with an {@code x-api-key}, which no page can make a browser add. Login is
 * checked too, whether or not a cookie came with it, so that no page can log a visitor into another account.
 */
final class CrossSiteGuard {
  static final String LOGIN_PATH = "/api/auth/login";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private CrossSiteGuard() {
  }

  static void check(Request request, String path, boolean hasSessionCookie) {
    if (SAFE_METHODS.contains(request.getMethod()) || request.getHeaders().get("x-api-key") != null
        || !hasSessionCookie && !path.equals(LOGIN_PATH)) {
      return;
    }
    var h = request.getHeaders();
    String own = ownOrigin(request);
    String refusal = refusal(h.get("Sec-Fetch-Site"), h.get(HttpHeader.ORIGIN), h.get(HttpHeader.REFERER), own);
    if (refusal != null) {
      throw new ServerException(Kind.FORBIDDEN, request.getMethod() + " " + path + " was refused: " + refusal
          + "; use the gallery at " + own + " itself, or send an API key in the x-api-key header");
    }
  }

  /** Why the request is refused, or null when it is the server's own page's (or not from a page at all). */
  static String refusal(String fetchSite, String origin, String referer, String ownOrigin) {
    if (fetchSite != null) {
      return switch (fetchSite.trim().toLowerCase(Locale.ROOT)) {
        case "same-origin", "none" -> null;
        default -> "the browser says it came from a page of another origin (Sec-Fetch-Site: " + fetchSite.trim() + ")";
      };
    }
    String claimed = origin != null ? origin : referer;
    if (claimed == null) {
      return null;
    }
    String normalized = normalize(claimed);
    if (normalized != null && normalized.equals(normalize(ownOrigin))) {
      return null;
    }
    return "it came from a page of another origin (" + (origin != null ? "Origin" : "Referer") + ": "
        + (normalized != null ? normalized : "unreadable") + ")";
  }

  private static String ownOrigin(Request request) {
    String scheme = request.getHttpURI().getScheme();
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || host.isBlank()) {
      host = Request.getServerName(request) + ":" + Request.getServerPort(request);
    }
    return (scheme == null ? "http" : scheme) + "://" + host.trim();
  }

  /** scheme://host:port in lower case with the port always written; null when it is not a web origin. */
  static String normalize(String url) {
    try {
      URI u = new URI(url.trim());
      String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
      if (u.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        return null;
      }
      int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
