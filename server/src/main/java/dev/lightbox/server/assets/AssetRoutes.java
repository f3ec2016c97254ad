package dev.lightbox.server.assets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.FileNames;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.MultipartUpload;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.ingest.IngestResult;
import dev.lightbox.server.ingest.IngestService;
import dev.lightbox.server.ingest.SidecarService;
import dev.lightbox.server.ingest.SpooledUpload;
import dev.lightbox.server.ingest.UploadSpooler;
import dev.lightbox.server.system.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Upload, list, metadata and delete of assets. */
public final class AssetRoutes {
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private final IngestService ingest;
  private final AssetService assets;
  private final UploadSpooler spooler;
  private final Metrics metrics;
  private final SidecarService sidecars;

  public AssetRoutes(IngestService ingest, AssetService assets, UploadSpooler spooler, Metrics metrics) {
    this(ingest, assets, spooler, metrics, null);
  }

  /** With {@code sidecars}, a multipart upload may carry {@code sidecar} parts kept with the asset. */
  public AssetRoutes(IngestService ingest, AssetService assets, UploadSpooler spooler, Metrics metrics,
      SidecarService sidecars) {
    this.ingest = ingest;
    this.assets = assets;
    this.spooler = spooler;
    this.metrics = metrics;
    this.sidecars = sidecars;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("POST", "/api/assets", Access.USER, this::upload)
            .summary("Upload a file: multipart/form-data with a 'file' part (and up to "
                + MultipartUpload.MAX_SIDECARS + " 'sidecar' parts: name.txt, name.json, name.xmp), or the raw"
                + " bytes with ?filename=")
            .body("upload").query("filename")
            .json(201, "Stored (an Asset)").json(200, "Already stored by this user: the existing asset, duplicate=true")
            .returns(400, "Malformed or empty upload", "application/problem+json")
            .returns(413, "Larger than LIGHTBOX_MAX_UPLOAD_SIZE", "application/problem+json")
            .returns(415, "Not a supported image or video", "application/problem+json").build(),
        Route.of("GET", "/api/assets", Access.USER, this::list)
            .summary("The user's assets, newest first, one page at a time")
            .query("from", "to", "mediaType", "q", "favorite", "rating", "tag", "album", "cursor", "limit")
            .json(200, "A page: {items, nextCursor}")
            .returns(400, "A bad filter", "application/problem+json").build(),
        Route.of("GET", "/api/assets/{id}", Access.USER, this::get)
            .summary("An asset's metadata JSON").json(200, "The Asset with its metadata")
            .returns(404, "No such asset (or not yours)", "application/problem+json").build(),
        Route.of("DELETE", "/api/assets/{id}", Access.USER, this::delete)
            .summary("Move an asset to the trash; with ?permanent=true delete it with its original, renditions"
                + " and sidecars for good; idempotent").query("permanent")
            .returns(204, "Trashed or gone (whether or not it existed)", null).build());
  }

  private void upload(Exchange ex) throws IOException {
    User user = ex.requireUser();
    String contentType = ex.header("Content-Type");
    SpooledUpload upload;
    List<SpooledUpload> sidecarParts = List.of();
    try (InputStream body = ex.body()) {
      checkDeclaredLength(ex);
      if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
          throw new ServerException(ServerException.Kind.UNSUPPORTED_FORMAT,
              "send multipart/form-data, or the raw file bytes with ?filename=");
        }
        if (sidecars == null) {
          upload = MultipartUpload.read(contentType, body, spooler);
        } else {
          MultipartUpload.Parts parts = MultipartUpload.readParts(contentType, body, spooler);
          upload = parts.file();
          sidecarParts = parts.sidecars();
        }
      } else {
        upload = spooler.spool(body, rawFileName(ex));
      }
    } catch (ServerException e) {
      metrics.upload("failed", 0);
      throw e;
    }
    try (upload; MultipartUpload.Parts spooledSidecars = new MultipartUpload.Parts(upload, sidecarParts)) {
      sidecarParts.forEach(SidecarService::check); // refused before anything is stored
      IngestResult result = ingest.ingest(user.id(), upload);
      if (result.duplicate()) {
        assets.invalidate(result.asset().id()); // a trashed duplicate came back out of the trash
      }
      List<String> sidecarWarnings = new java.util.ArrayList<>();
      for (SpooledUpload part : spooledSidecars.sidecars()) {
        sidecars.attach(user.id(), result.asset().id(), part).warnings()
            .forEach(w -> sidecarWarnings.add(part.fileName() + ": " + w));
      }
      metrics.upload(result.duplicate() ? "duplicate" : "stored", upload.size());
      Asset stored = sidecarParts.isEmpty() ? result.asset() : assets.get(user, result.asset().id(), true);
      ObjectNode body = sidecars == null ? AssetJson.full(stored)
          : AssetJson.full(stored, assets.sidecars(user, stored.id()));
      body.put("duplicate", result.duplicate());
      ArrayNode warnings = body.putArray("warnings");
      result.warnings().forEach(warnings::add);
      sidecarWarnings.forEach(warnings::add);
      if (!result.duplicate()) {
        ex.header("Location", "/api/assets/" + result.asset().id());
      }
      Json.send(ex, result.duplicate() ? 200 : 201, body);
    } catch (RuntimeException e) {
      metrics.upload("failed", upload.size());
      throw e;
    }
  }

  private void checkDeclaredLength(Exchange ex) {
    String length = ex.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > spooler.maxBytes() + 64 * 1024) {
          throw new ServerException(ServerException.Kind.TOO_LARGE, "the upload of " + length
              + " bytes is larger than the " + spooler.maxBytes() + " byte limit; raise LIGHTBOX_MAX_UPLOAD_SIZE"
              + " or send a smaller file");
        }
      } catch (NumberFormatException e) {
        throw ServerException.badRequest("Content-Length '" + length + "' is not a number");
      }
    }
  }

  private static String rawFileName(Exchange ex) {
    String name = ex.query("filename");
    if (name == null) {
      String disposition = ex.header("Content-Disposition");
      if (disposition != null) {
        String extended = MultipartUpload.parameter(disposition, "filename*");
        name = extended != null ? MultipartUpload.decodeExtended(extended)
            : MultipartUpload.parameter(disposition, "filename");
      }
    }
    if (name == null || name.isBlank()) {
      throw ServerException.badRequest("name the file: add ?filename=photo.jpg (or a Content-Disposition header),"
          + " or send multipart/form-data");
    }
    return FileNames.clean(name);
  }

  private void list(Exchange ex) {
    User user = ex.requireUser();
    int limit = intParam(ex, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    String mediaType = ex.query("mediaType");
    if (mediaType != null && !mediaType.matches("(image|video)(/[a-z0-9.+-]+)?")) {
      throw ServerException.badRequest("'mediaType' must be image, video or a type such as image/png");
    }
    String q = ex.query("q");
    AssetQuery query = new AssetQuery(user.id(), instant(ex, "from"), instant(ex, "to"), mediaType,
        q == null || q.isBlank() ? null : q, cursor(ex.query("cursor")), limit + 1, marks(ex, false));
    sendPage(ex, assets.list(query), limit);
  }

  /** The favourite, rating, tag and album filters of a listing. */
  static AssetQuery.Marks marks(Exchange ex, boolean trashed) {
    String favorite = ex.query("favorite");
    if (favorite != null && !favorite.equals("true") && !favorite.equals("false")) {
      throw ServerException.badRequest("'favorite' must be true or false");
    }
    Integer rating = ex.query("rating") == null ? null : intParam(ex, "rating", 0, 0, AssetMarks.MAX_RATING);
    String tag = ex.query("tag") == null ? null : AssetMarking.tag(ex.query("tag"));
    String album = ex.query("album");
    return new AssetQuery.Marks(favorite == null ? null : Boolean.valueOf(favorite), rating, tag,
        album == null || album.isBlank() ? null : album, trashed);
  }

  /** Sends a page of summaries with the cursor of the next one. */
  static void sendPage(Exchange ex, List<Asset> page, int limit) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    page.stream().limit(limit).forEach(a -> items.add(AssetJson.summary(a)));
    if (page.size() > limit) {
      Asset last = page.get(limit - 1);
      body.put("nextCursor", Base64.getUrlEncoder().withoutPadding().encodeToString(
          (last.takenAt().toEpochMilli() + ":" + last.id()).getBytes(StandardCharsets.UTF_8)));
    } else {
      body.putNull("nextCursor");
    }
    Json.send(ex, 200, body);
  }

  private void get(Exchange ex) {
    User user = ex.requireUser();
    Asset asset = assets.get(user, ex.pathParam("id"), false);
    Json.send(ex, 200, sidecars == null ? AssetJson.full(asset) : AssetJson.full(asset, assets.sidecars(user,
        asset.id())));
  }

  private void delete(Exchange ex) {
    String permanent = ex.query("permanent");
    if (permanent != null && !permanent.equals("true") && !permanent.equals("false")) {
      throw ServerException.badRequest("'permanent' must be true or false");
    }
    if ("true".equals(permanent)) {
      assets.delete(ex.requireUser(), ex.pathParam("id"));
    } else {
      assets.marking().trash(ex.requireUser(), ex.pathParam("id"));
    }
    ex.sendEmpty(204);
  }

  static AssetQuery.Cursor cursor(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return new AssetQuery.Cursor(Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
    } catch (RuntimeException e) {
      throw ServerException.badRequest("'cursor' is not a cursor this server returned; start again without it");
    }
  }

  private static Instant instant(Exchange ex, String name) {
    String v = ex.query(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw ServerException.badRequest("'" + name + "' must be a date (2024-05-01) or an instant"
          + " (2024-05-01T12:00:00Z), got '" + v + "'");
    }
  }

  static int intParam(Exchange ex, String name, int fallback, int min, int max) {
    String v = ex.query(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ServerException.badRequest("'" + name + "' must be a whole number from " + min + " to " + max);
  }
}
