package dev.lightbox.server.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches a method and path to a route, extracting {@code {name}} segments. */
public final class Router {
  private final List<Route> routes;
  private final List<List<String>> segments;

  public Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
    this.segments = this.routes.stream().map(Route::segments).toList();
  }

  public List<Route> routes() {
    return routes;
  }

  /** The match, or null; {@code methodMismatch} is set when the path exists with other methods. */
  public Match match(String method, String path) {
    String[] parts = path.length() <= 1 ? new String[] {""} : path.substring(1).split("/", -1);
    boolean pathExists = false;
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      Map<String, String> params = matchPath(segments.get(i), parts);
      if (params == null) {
        continue;
      }
      pathExists = true;
      if (route.method().equals(method) || ("HEAD".equals(method) && route.method().equals("GET"))) {
        return new Match(route, params, false);
      }
    }
    return pathExists ? new Match(null, Map.of(), true) : null;
  }

  private static Map<String, String> matchPath(List<String> pattern, String[] parts) {
    if (pattern.size() != parts.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < parts.length; i++) {
      String p = pattern.get(i);
      if (p.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new HashMap<>(2);
        }
        params.put(p.substring(1, p.length() - 1), parts[i]);
      } else if (!p.equals(parts[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  /** Allowed methods of a path, for 405 answers. */
  public String allowedMethods(String path) {
    String[] parts = path.length() <= 1 ? new String[] {""} : path.substring(1).split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      if (matchPath(segments.get(i), parts) != null) {
        sb.append(sb.isEmpty() ? "" : ", ").append(route.method());
        if (route.method().equals("GET")) {
          sb.append(", HEAD");
        }
      }
    }
    return sb.toString();
  }

  public record Match(Route route, Map<String, String> params, boolean methodMismatch) {
  }
}
