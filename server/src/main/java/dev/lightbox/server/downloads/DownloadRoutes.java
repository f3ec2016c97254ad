package dev.lightbox.server.downloads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.serving.ContentDisposition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/downloads/zip} (a JSON body, or a form post from the gallery) and {@code GET} with
 * {@code ?ids=} for links: the caller's assets as one ZIP archive of their originals, streamed.
 */
public final class DownloadRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadRoutes.class);
  /** Room for {@link DownloadService#MAX_ENTRIES} ids of 36 characters, quoted, with separators. */
  private static final int MAX_BODY = 5 * 1024 * 1024;
  private final DownloadService downloads;

  public DownloadRoutes(DownloadService downloads) {
    this.downloads = downloads;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("POST", "/api/downloads/zip", Access.USER, this::post)
            .summary("Your assets' originals as one ZIP archive, streamed with its exact Content-Length:"
                + " JSON {assetIds: [...], name?: \"photos.zip\"}, or a form post of assetIds (repeated or"
                + " comma-separated) and name")
            .body("json:ZipDownloadRequest")
            .returns(200, "The archive (STORED entries, ZIP64 when needed)", "application/zip")
            .returns(400, "No ids, or a malformed body", "application/problem+json")
            .returns(404, "Some assets do not exist or are not yours (how many is said); nothing is sent",
                "application/problem+json")
            .returns(413, "More than " + DownloadService.MAX_ENTRIES + " assets", "application/problem+json")
            .build(),
        Route.of("GET", "/api/downloads/zip", Access.USER, this::get)
            .summary("The same archive for a link: ?ids=<id>,<id>,... and an optional &name=")
            .query("ids", "name")
            .returns(200, "The archive", "application/zip")
            .returns(400, "No ids", "application/problem+json")
            .returns(404, "Some assets do not exist or are not yours", "application/problem+json").build());
  }

  private void post(Exchange ex) throws IOException {
    String type = ex.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      List<String> ids = new ArrayList<>();
      String name = null;
      for (String pair : readForm(ex).split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (key.equals("assetIds")) {
          ids.addAll(split(value));
        } else if (key.equals("name")) {
          name = value;
        }
      }
      send(ex, ids, name);
      return;
    }
    JsonNode body = Json.readObject(ex, MAX_BODY);
    JsonNode ids = body.get("assetIds");
    if (ids == null || !ids.isArray()) {
      throw ServerException.badRequest("'assetIds' is required: an array of asset ids");
    }
    List<String> list = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw ServerException.badRequest("'assetIds' must hold only asset ids (strings)");
      }
      list.add(id.asText().trim());
    }
    send(ex, list, Json.optionalText(body, "name"));
  }

  private void get(Exchange ex) throws IOException {
    String ids = ex.query("ids");
    send(ex, ids == null ? List.of() : split(ids), ex.query("name"));
  }

  private void send(Exchange ex, List<String> ids, String name) throws IOException {
    ZipDownload zip = downloads.zip(ex.requireUser().id(), ids, name);
    ex.status(200);
    ex.header("Content-Type", "application/zip");
    ex.header("Content-Disposition", ContentDisposition.of("attachment", zip.fileName()));
    ex.header("Content-Length", Long.toString(zip.length()));
    ex.header("Cache-Control", "private, no-store");
    ex.header("X-Content-Type-Options", "nosniff");
    ResponseOutput out = new ResponseOutput(ex);
    if (ex.isHead()) {
      ex.write(java.nio.ByteBuffer.allocate(0), true);
      return;
    }
    try {
      zip.writeTo(out);
      out.finish();
    } catch (ResponseOutput.ClientGone e) {
      // The client went away: nothing more is read; the connection is aborted.
      LOG.info("a ZIP download of {} assets ({} bytes) stopped after {} bytes: {}", zip.entryCount(), zip.length(),
          out.sent(), e.getMessage());
      throw new ServerException(Kind.INVALID_INPUT, "the client closed the connection after " + out.sent()
          + " of " + zip.length() + " bytes", e);
    } catch (IOException e) {
      throw new ServerException(Kind.UNAVAILABLE, "reading an original for a ZIP download failed after "
          + out.sent() + " bytes: " + e.getMessage() + "; the download was cut short, try again", e);
    }
  }

  private static String readForm(Exchange ex) throws IOException {
    try (InputStream in = ex.body()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new ServerException(Kind.TOO_LARGE, "the form may be at most " + MAX_BODY / (1024 * 1024) + " MiB");
      }
      return new String(body, StandardCharsets.US_ASCII);
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServerException.badRequest("the form is not properly URL-encoded");
    }
  }

  private static List<String> split(String ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids.split(",")) {
      if (!id.isBlank()) {
        out.add(id.trim());
      }
    }
    return out;
  }
}
