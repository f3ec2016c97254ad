package dev.lightbox.server.http;

import java.util.List;

/**
 * One API route: method, path pattern with {@code {name}} segments, who may call it, the handler, and what
 * the OpenAPI document says about it (generated from these, so the document always matches the routes).
 *
 * @param requestBody a short description of the body, such as {@code json:LoginRequest}, or null
 * @param responses status codes and their descriptions
 */
public record Route(String method, String path, Access access, Handler handler, String summary,
    String requestBody, List<String> queryParams, List<Response> responses) {

  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  public record Response(int status, String description, String contentType) {
  }

  List<String> segments() {
    return List.of(path.substring(1).split("/"));
  }

  public static Builder of(String method, String path, Access access, Handler handler) {
    return new Builder(method, path, access, handler);
  }

  public static final class Builder {
    private final String method;
    private final String path;
    private final Access access;
    private final Handler handler;
    private String summary = "";
    private String requestBody;
    private List<String> queryParams = List.of();
    private final java.util.ArrayList<Response> responses = new java.util.ArrayList<>();

    private Builder(String method, String path, Access access, Handler handler) {
      this.method = method;
      this.path = path;
      this.access = access;
      this.handler = handler;
    }

    public Builder summary(String s) {
      summary = s;
      return this;
    }

    public Builder body(String b) {
      requestBody = b;
      return this;
    }

    public Builder query(String... names) {
      queryParams = List.of(names);
      return this;
    }

    public Builder returns(int status, String description, String contentType) {
      responses.add(new Response(status, description, contentType));
      return this;
    }

    public Builder json(int status, String description) {
      return returns(status, description, "application/json");
    }

    public Route build() {
      return new Route(method, path, access, handler, summary, requestBody, queryParams, List.copyOf(responses));
    }
  }
}
