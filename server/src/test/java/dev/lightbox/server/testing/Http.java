package dev.lightbox.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client over java.net.http for tests: no redirects followed, byte bodies. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;
  private final List<String> defaultHeaders = new ArrayList<>();

  public Http(URI base) {
    this.base = base;
  }

  public Http with(String header, String value) {
    Http h = new Http(base);
    h.defaultHeaders.addAll(defaultHeaders);
    h.defaultHeaders.add(header);
    h.defaultHeaders.add(value);
    return h;
  }

  /** The value of a header this client sends with every request, or null. */
  public String header(String name) {
    for (int i = 0; i < defaultHeaders.size(); i += 2) {
      if (defaultHeaders.get(i).equalsIgnoreCase(name)) {
        return defaultHeaders.get(i + 1);
      }
    }
    return null;
  }

  public URI base() {
    return base;
  }

  public HttpResponse<byte[]> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    return send(false, method, path, body, headers);
  }

  /** With {@code expectContinue}, the body goes only after the server accepts the headers. */
  public HttpResponse<byte[]> send(boolean expectContinue, String method, String path,
      HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, body)
        .expectContinue(expectContinue);
    for (int i = 0; i < defaultHeaders.size(); i += 2) {
      b.header(defaultHeaders.get(i), defaultHeaders.get(i + 1));
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  public HttpResponse<byte[]> head(String path, String... headers) {
    return send("HEAD", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  public HttpResponse<byte[]> delete(String path, String... headers) {
    return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), headers);
  }

  public HttpResponse<byte[]> postJson(String path, String json) {
    return send("POST", path, HttpRequest.BodyPublishers.ofString(json), "Content-Type", "application/json");
  }

  public HttpResponse<byte[]> uploadRaw(String path, Path file) {
    try {
      return send("POST", path, HttpRequest.BodyPublishers.ofFile(file), "Content-Type", "application/octet-stream");
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpResponse<byte[]> uploadMultipart(String fileName, byte[] content) {
    String boundary = "lightbox-test-boundary-7d3f";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send("POST", "/api/assets", HttpRequest.BodyPublishers.ofByteArray(body),
        "Content-Type", "multipart/form-data; boundary=" + boundary);
  }

  public static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
