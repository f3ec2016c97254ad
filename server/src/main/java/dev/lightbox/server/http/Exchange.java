package dev.lightbox.server.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its response, with blocking helpers for handlers running on virtual threads. */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final Map<String, String> pathParams;
  private Fields query;
  private final Callback callback;
  private User user;
  private boolean committed;
  private boolean completing;
  private InputStream requestBody;

  Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pathParams = pathParams;
  }

  /**
   * Sends {@code body} as the whole remaining response without waiting: the write completes the exchange
   * on its own, so the request thread is free at once (the fast path for small objects).
   */
  public void sendLastAsync(ByteBuffer body) {
    committed = true;
    completing = true;
    response.write(true, isHead() ? ByteBuffer.allocate(0) : body, callback);
  }

  /** True when {@link #sendLastAsync} handed the completion to the write. */
  boolean completesItself() {
    return completing;
  }

  public String method() {
    return request.getMethod();
  }

  public boolean isHead() {
    return "HEAD".equals(request.getMethod());
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** A query parameter, or null. */
  public String query(String name) {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request);
      } catch (RuntimeException e) {
        throw ServerException.badRequest("the query string is malformed: " + e.getMessage());
      }
    }
    return query.getValue(name);
  }

  /** The peer's IP address (a reverse proxy's, when there is one). */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  public String header(String name) {
    return request.getHeaders().get(name);
  }

  public String cookie(String name) {
    List<HttpCookie> cookies = Request.getCookies(request);
    for (HttpCookie c : cookies) {
      if (c.getName().equals(name)) {
        return c.getValue();
      }
    }
    return null;
  }

  /**
   * The request body. Closing it leaves the body as it is: Jetty's own stream, closed before the end, fails
   * the request, so its unread rest can no longer be drained and Jetty resets the connection right after the
   * answer while the client is still sending; the client then loses the answer. When a handler refuses a
   * request, ApiHandler drains what the handler left unread ({@link #drainBody}) before answering.
   */
  public InputStream body() {
    return new FilterInputStream(requestBody()) {
      @Override
      public void close() {
        // the exchange owns the body; see drainBody
      }
    };
  }

  /** Reads and drops what is left of the request body, at most {@code limit} bytes. */
  void drainBody(long limit) throws IOException {
    InputStream in = requestBody();
    byte[] buf = new byte[64 * 1024];
    for (long left = limit; left > 0; ) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  private InputStream requestBody() {
    if (requestBody == null) {
      requestBody = Request.asInputStream(request); // one stream, so no chunk it has started is lost
    }
    return requestBody;
  }

  public User user() {
    return user;
  }

  void user(User user) {
    this.user = user;
  }

  /** The authenticated user; the router guarantees one on routes that need it. */
  public User requireUser() {
    if (user == null) {
      throw new ServerException(ServerException.Kind.UNAUTHENTICATED, "log in or send an x-api-key header");
    }
    return user;
  }

  public HttpFields.Mutable responseHeaders() {
    return response.getHeaders();
  }

  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  public void status(int status) {
    response.setStatus(status);
  }

  boolean isCommitted() {
    return committed || response.isCommitted();
  }

  /** Sends a complete body. */
  public void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put("Content-Type", contentType);
    }
    response.getHeaders().put("Content-Length", body.length);
    write(isHead() ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), true);
  }

  /** Ends a response that has no body. */
  public void sendEmpty(int status) {
    response.setStatus(status);
    write(ByteBuffer.allocate(0), true);
  }

  /** Writes one chunk and waits until it is sent; {@code last} ends the response. */
  public void write(ByteBuffer buffer, boolean last) {
    committed = true;
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(last, buffer, cb);
      cb.block();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code length} bytes from {@code in} to the response in chunks, ending it. */
  public void stream(InputStream in, long length) throws IOException {
    if (length == 0 || isHead()) {
      write(ByteBuffer.allocate(0), true);
      return;
    }
    byte[] buf = new byte[(int) Math.min(length, 64 * 1024)];
    long remaining = length;
    while (remaining > 0) {
      int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, remaining));
      if (n <= 0) {
        throw new IOException("the stored object ended " + remaining + " bytes early");
      }
      remaining -= n;
      write(ByteBuffer.wrap(buf, 0, n), remaining == 0); // blocks until sent, so buf can be reused
    }
  }

  Request request() {
    return request;
  }
}
