package dev.lightbox.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.media.Sidecars;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.assets.Sidecar;
import dev.lightbox.server.http.Access;
import dev.lightbox.server.http.Exchange;
import dev.lightbox.server.http.FileNames;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.serving.ContentDisposition;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code PUT|GET /api/assets/{id}/sidecars/{name}}: attach a metadata file to an asset (idempotent by name and
 * content), and download it with the same ownership check as the original.
 */
public final class SidecarRoutes {
  private final SidecarService sidecars;
  private final AssetService assets;
  private final LibraryStorage storage;
  private final UploadSpooler spooler;

  /** {@code spooler} should be bounded to {@link Sidecars#MAX_BYTES}. */
  public SidecarRoutes(SidecarService sidecars, AssetService assets, LibraryStorage storage, UploadSpooler spooler) {
    this.sidecars = sidecars;
    this.assets = assets;
    this.storage = storage;
    this.spooler = spooler;
  }

  public List<Route> routes() {
    return List.of(
        Route.of("PUT", "/api/assets/{id}/sidecars/{name}", Access.USER, this::put)
            .summary("Attach a sidecar (name.txt A1111 parameters, name.json, name.xmp) to an asset: the raw bytes;"
                + " the same name again replaces it, the same bytes again change nothing")
            .body("raw")
            .json(201, "Attached or replaced: {sidecar, changed, warnings}")
            .json(200, "Already attached with these bytes: {sidecar, changed=false}")
            .returns(400, "Empty", "application/problem+json")
            .returns(404, "No such asset (or not yours)", "application/problem+json")
            .returns(413, "Larger than " + Sidecars.MAX_BYTES + " bytes", "application/problem+json")
            .returns(415, "Not .txt, .json or .xmp, or a multipart body", "application/problem+json").build(),
        Route.of("GET", "/api/assets/{id}/sidecars/{name}", Access.USER, this::get)
            .summary("Download a sidecar of the asset")
            .returns(200, "The bytes", "*/*")
            .returns(404, "No such asset or sidecar (or not yours)", "application/problem+json").build());
  }

  private void put(Exchange ex) throws IOException {
    User user = ex.requireUser();
    String name = FileNames.clean(ex.pathParam("name"));
    String contentType = ex.header("Content-Type");
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      throw new ServerException(ServerException.Kind.UNSUPPORTED_FORMAT, "send the sidecar's raw bytes (for"
          + " example curl -T " + name + "), not a multipart form");
    }
    String length = ex.header("Content-Length");
    if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > Sidecars.MAX_BYTES) {
      throw new ServerException(ServerException.Kind.TOO_LARGE, "the sidecar '" + name + "' has " + length.trim()
          + " bytes; a sidecar may have at most " + Sidecars.MAX_BYTES);
    }
    SidecarService.Attached attached;
    try (InputStream body = ex.body(); SpooledUpload upload = spooler.spool(body, name)) {
      attached = sidecars.attach(user.id(), ex.pathParam("id"), upload);
    }
    if (attached.changed()) {
      assets.get(user, ex.pathParam("id"), true); // the cached row predates the merged metadata
    }
    Json.send(ex, attached.changed() ? 201 : 200, json(attached));
  }

  private void get(Exchange ex) throws IOException {
    User user = ex.requireUser();
    String id = ex.pathParam("id");
    String name = FileNames.clean(ex.pathParam("name"));
    Sidecar s = assets.sidecars(user, id).stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> ServerException.notFound("sidecar '" + name + "' of asset " + id));
    byte[] bytes;
    try (BlobStream in = storage.open(s.location(), null)) {
      bytes = in.readAllBytes();
    }
    ex.header("ETag", "\"" + s.sha256() + "\"");
    ex.header("X-Content-Type-Options", "nosniff");
    ex.header("Content-Disposition", ContentDisposition.of("attachment", s.name()));
    ex.send(200, s.mediaType(), bytes);
  }

  static ObjectNode json(SidecarService.Attached a) {
    ObjectNode n = Json.object();
    ObjectNode s = n.putObject("sidecar");
    s.put("assetId", a.sidecar().assetId());
    s.put("name", a.sidecar().name());
    s.put("type", a.sidecar().type());
    s.put("size", a.sidecar().sizeBytes());
    s.put("sha256", a.sidecar().sha256());
    n.put("changed", a.changed());
    ArrayNode w = n.putArray("warnings");
    a.warnings().forEach(w::add);
    return n;
  }
}
