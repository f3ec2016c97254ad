package dev.lightbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP side of {@code lightbox import}: the bulk check and raw-body uploads with an API key. A 503, a 429
 * or a broken connection is tried again with exponential backoff (honouring {@code Retry-After}); anything else
 * is an answer.
 */
final class ImportClient {
  static final int CHECK_BATCH = 5_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Why a request failed: the HTTP status (0 when no answer came) and the server's or the network's words. */
  static final class RequestFailed extends Exception {
    final int status;

    RequestFailed(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** An upload's answer: the SHA-256 the server computed, whether it already had the file, and the asset's id. */
  record Uploaded(String sha256, boolean duplicate, String assetId) {
    Uploaded(String sha256, boolean duplicate) {
      this(sha256, duplicate, null);
    }
  }

  /** An asset the server has: its id and its sidecars' SHA-256s by name. */
  record RemoteAsset(String id, Map<String, String> sidecars) {
  }

  /**
   * The bulk check's answer with sidecars: the present SHA-256s and, when the server keeps sidecars, each
   * present asset ({@code keepsSidecars} is false for a server older than sidecars).
   */
  record Check(Set<String> present, Map<String, RemoteAsset> assets, boolean keepsSidecars) {
  }

  private final HttpClient http;
  private final URI server;
  private final String apiKey;
  private final int attempts;

  ImportClient(URI server, String apiKey, int attempts) {
    this.http = PlainHttp.client(server);
    this.server = server;
    this.apiKey = apiKey;
    this.attempts = attempts;
  }

  /** Which of {@code sha256s} the key's user already has, asking {@value #CHECK_BATCH} at a time. */
  Set<String> present(Collection<String> sha256s) throws RequestFailed, InterruptedException {
    List<String> all = List.copyOf(sha256s);
    Set<String> present = new HashSet<>();
    for (int from = 0; from < all.size(); from += CHECK_BATCH) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + CHECK_BATCH));
      byte[] body = json(JSON.createObjectNode().set("sha256", JSON.valueToTree(batch)));
      HttpResponse<byte[]> r = send(() -> request("/api/assets/check").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "the bulk check");
      expect(r, 200, "the bulk check");
      parse(r).path("present").forEach(n -> present.add(n.asText()));
    }
    return present;
  }

  /** Like {@link #present}, also asking for each present asset's id and sidecars. */
  Check check(Collection<String> sha256s) throws RequestFailed, InterruptedException {
    List<String> all = List.copyOf(sha256s);
    Set<String> present = new HashSet<>();
    Map<String, RemoteAsset> assets = new HashMap<>();
    boolean keeps = true;
    for (int from = 0; from < all.size(); from += CHECK_BATCH) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + CHECK_BATCH));
      byte[] body = json(JSON.createObjectNode().put("sidecars", true).set("sha256", JSON.valueToTree(batch)));
      HttpResponse<byte[]> r = send(() -> request("/api/assets/check").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "the bulk check");
      expect(r, 200, "the bulk check");
      JsonNode answer = parse(r);
      answer.path("present").forEach(n -> present.add(n.asText()));
      keeps &= answer.has("assets");
      for (JsonNode a : answer.path("assets")) {
        Map<String, String> sidecars = new HashMap<>();
        a.path("sidecars").forEach(s -> sidecars.put(s.path("name").asText(), s.path("sha256").asText()));
        assets.put(a.path("sha256").asText(), new RemoteAsset(a.path("id").asText(), sidecars));
      }
    }
    return new Check(present, assets, keeps);
  }

  /**
   * Attaches a sidecar file to an asset ({@code PUT /api/assets/{id}/sidecars/{name}}, the file's name);
   * true when the server changed something, false when it already had these bytes under that name.
   */
  boolean attach(String assetId, Path sidecar) throws RequestFailed, InterruptedException {
    String path = "/api/assets/" + encode(assetId) + "/sidecars/" + encode(sidecar.getFileName().toString());
    HttpResponse<byte[]> r = sendFile(sidecar, b -> request(path).header("Content-Type", "application/octet-stream")
        .PUT(b).build(), "the sidecar upload");
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      expect(r, 201, "the sidecar upload");
    }
    return parse(r).path("changed").asBoolean(true);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Uploads the file as a raw body. Read through NIO (not {@code java.io.File}), so that names which are not
   * valid in the platform encoding still open.
   */
  Uploaded upload(Path file) throws RequestFailed, InterruptedException {
    String name = encode(file.getFileName().toString());
    HttpResponse<byte[]> r = sendFile(file, b -> request("/api/assets?filename=" + name)
        .header("Content-Type", "application/octet-stream").POST(b).build(), "the upload");
    if (r.statusCode() != 200 && r.statusCode() != 201) {
      expect(r, 201, "the upload");
    }
    JsonNode a = parse(r);
    return new Uploaded(a.path("sha256").asText(), a.path("duplicate").asBoolean(), a.path("id").asText(null));
  }

  /** Sends the file's bytes (opened again on each try) in the request {@code build} makes around them. */
  private HttpResponse<byte[]> sendFile(Path file, java.util.function.Function<HttpRequest.BodyPublisher,
      HttpRequest> build, String what) throws RequestFailed, InterruptedException {
    List<InputStream> opened = new ArrayList<>();
    try {
      return send(() -> {
        try {
          long size = Files.size(file);
          InputStream in = Files.newInputStream(file);
          opened.add(in);
          return build.apply(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
              () -> in), size));
        } catch (NoSuchFileException e) {
          throw new RequestFailed(0, "vanished before its upload");
        } catch (IOException e) {
          throw new RequestFailed(0, ImportScan.reason(e));
        }
      }, what);
    } finally {
      for (InputStream in : opened) {
        try {
          in.close();
        } catch (IOException ignored) {
          // only read from
        }
      }
    }
  }

  private interface RequestSource {
    HttpRequest get() throws RequestFailed;
  }

  private HttpResponse<byte[]> send(RequestSource source, String what) throws RequestFailed, InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      Duration wait = backoff;
      try {
        HttpResponse<byte[]> r = http.send(source.get(), HttpResponse.BodyHandlers.ofByteArray());
        if ((r.statusCode() != 503 && r.statusCode() != 429) || attempt >= attempts) {
          return r;
        }
        wait = retryAfter(r, backoff);
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new RequestFailed(0, what + " failed after " + attempts + " attempts: " + networkReason(e));
        }
      }
      Thread.sleep(wait.toMillis());
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.resolve(path)).header("x-api-key", apiKey).timeout(Duration.ofMinutes(10));
  }

  private static Duration retryAfter(HttpResponse<byte[]> r, Duration fallback) {
    try {
      long seconds = Long.parseLong(r.headers().firstValue("Retry-After").orElse("").trim());
      return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) throws RequestFailed {
    if (r.statusCode() == status) {
      return;
    }
    String detail = new String(r.body(), StandardCharsets.UTF_8);
    try {
      JsonNode problem = JSON.readTree(r.body());
      if (problem != null && problem.hasNonNull("detail")) {
        detail = problem.get("detail").asText();
      }
    } catch (IOException ignored) {
      // not a problem document: the raw text says it
    }
    String hint = r.statusCode() == 401 ? " (check --key / LIGHTBOX_API_KEY)"
        : r.statusCode() == 404 && what.contains("check") ? " (the server is older than this command; upgrade it)" : "";
    throw new RequestFailed(r.statusCode(), what + " was answered " + r.statusCode() + ": "
        + (detail.length() > 300 ? detail.substring(0, 300) + "..." : detail) + hint);
  }

  private static JsonNode parse(HttpResponse<byte[]> r) throws RequestFailed {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new RequestFailed(r.statusCode(), "the server's answer is not JSON: " + e.getMessage());
    }
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String networkReason(IOException e) {
    if (e instanceof ConnectException) {
      return "cannot connect (is the server running at that URL?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
