package dev.lightbox.server.internal.http;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.catalog.ObjectKind;
import dev.lightbox.server.config.ServeMode;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.internal.service.AssetService;
import dev.lightbox.server.internal.service.ServedObject;
import dev.lightbox.server.internal.storage.LibraryStorage;
import dev.lightbox.server.internal.storage.ObjectCache;
import dev.lightbox.server.internal.storage.PresignedReader;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;

/**
 * {@code GET|HEAD /api/assets/{id}/original|thumbnail|preview}: ownership first, then conditional
 * requests and HEAD from the catalog alone, then a 302 to a presigned URL (S3, redirect mode) or the bytes
 * streamed with single-range support (disk, and S3 in proxy mode with the range passed through). A whole
 * small object is answered from the {@link ObjectCache}, or read in one go and kept there; a range is
 * always read from the store.
 */
public final class ContentRoutes {
  static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
  static final String REDIRECT_CACHE_CONTROL = "private, no-cache, no-transform";
  /** Objects up to one streaming chunk (thumbnails) are read in one go and sent in one asynchronous write. */
  static final long SMALL_OBJECT = 64 * 1024;

  private final AssetService assets;
  private final LibraryStorage storage;
  private final PresignedReader proxyReader;
  private final ObjectCache cache;
  private final ServeMode s3Mode;
  private final Duration presignExpiry;
  private final RedirectUrls redirectUrls;

  public ContentRoutes(AssetService assets, LibraryStorage storage, PresignedReader proxyReader, ObjectCache cache,
      ServeMode s3Mode, Duration presignExpiry, Clock clock) {
    this.assets = assets;
    this.storage = storage;
    this.proxyReader = proxyReader;
    this.cache = cache;
    this.s3Mode = s3Mode;
    this.presignExpiry = presignExpiry;
    this.redirectUrls = new RedirectUrls(presignExpiry, clock);
  }

  RedirectUrls redirectUrls() {
    return redirectUrls;
  }

  public List<Route> routes() {
    return List.of(ObjectKind.values()).stream().map(kind -> Route
        .of("GET", "/api/assets/{id}/" + kind.id(), Access.USER, ex -> serve(ex, kind))
        .summary("The asset's " + kind.id() + " (HEAD, Range, If-None-Match, If-Modified-Since, If-Range)")
        .query("download")
        .returns(200, "The bytes", "*/*").returns(206, "One range of the bytes", "*/*")
        .returns(302, "Redirect to a presigned URL (S3, redirect mode)", null)
        .returns(304, "Not modified", null).returns(404, "No such asset (or not yours)", "application/problem+json")
        .returns(416, "Range not satisfiable", "application/problem+json").build()).toList();
  }

  private void serve(Exchange ex, ObjectKind kind) throws IOException {
    String id = ex.pathParam("id");
    ServedObject obj = resolve(ex, id, kind, false);
    String disposition = ContentDisposition.of("1".equals(ex.query("download")) ? "attachment" : "inline",
        obj.fileName());
    validators(ex.responseHeaders(), obj);
    Conditional.Outcome outcome = Conditional.evaluate(ex.header("If-Match"), ex.header("If-Unmodified-Since"),
        ex.header("If-None-Match"), ex.header("If-Modified-Since"), obj.etag(), obj.asset().createdAt(), true);
    if (outcome == Conditional.Outcome.NOT_MODIFIED) {
      ex.header("Cache-Control", CACHE_CONTROL);
      ex.sendEmpty(304);
      return;
    }
    if (outcome == Conditional.Outcome.PRECONDITION_FAILED) {
      ex.send(412, "application/problem+json", Problems.body(412, "the asset does not match If-Match or "
          + "If-Unmodified-Since"));
      return;
    }
    if (obj.location().backend() == StorageBackend.S3 && s3Mode == ServeMode.REDIRECT) {
      redirect(ex, obj, disposition);
      return;
    }
    contentHeaders(ex.responseHeaders(), obj, disposition);
    ByteRange.Resolved range = null;
    String rangeHeader = ex.header("Range");
    if (rangeHeader != null && Conditional.ifRangeAllows(ex.header("If-Range"), obj.etag(), obj.asset().createdAt())) {
      ByteRange requested = parseRange(rangeHeader);
      if (requested != null) {
        range = requested.resolve(obj.size());
        if (range == null) {
          ex.header("Content-Range", "bytes */" + obj.size());
          ex.send(416, "application/problem+json", Problems.body(416, "the range '" + rangeHeader
              + "' starts beyond the " + obj.size() + " bytes of the " + kind.id()));
          return;
        }
      }
    }
    long length = range == null ? obj.size() : range.length();
    ex.status(range == null ? 200 : 206);
    if (range != null) {
      ex.header("Content-Range", range.contentRange());
    }
    ex.responseHeaders().put("Content-Length", length);
    if (ex.isHead()) {
      ex.sendEmpty(range == null ? 200 : 206);
      return;
    }
    if (range == null && cache.accepts(length)) {
      ex.sendLastAsync(ByteBuffer.wrap(cache.load(obj.location(), obj.sha256(), () -> readSmall(ex, obj, null))));
      return;
    }
    if (length <= SMALL_OBJECT) {
      ex.sendLastAsync(ByteBuffer.wrap(readSmall(ex, obj, range)));
      return;
    }
    try (BlobStream in = open(ex, obj, range)) {
      ex.stream(in, length);
    }
  }

  /** A small object or range, read in one go. */
  private byte[] readSmall(Exchange ex, ServedObject obj, ByteRange.Resolved range) throws IOException {
    long length = range == null ? obj.size() : range.length();
    try (BlobStream in = open(ex, obj, range)) {
      byte[] bytes = new byte[(int) length];
      if (in.readNBytes(bytes, 0, bytes.length) != length) {
        throw new IOException("the stored " + obj.kind().id() + " of asset " + obj.asset().id() + " ended early");
      }
      return bytes;
    }
  }

  private BlobStream open(Exchange ex, ServedObject obj, ByteRange.Resolved range) {
    ByteRange r = range == null ? null : ByteRange.of(range.first(), range.length());
    try {
      return read(obj, r);
    } catch (StorageException e) {
      if (e.kind() != StorageException.Kind.NOT_FOUND) {
        throw new ServerException(Kind.UNAVAILABLE, "reading the " + obj.kind().id() + " of asset "
            + obj.asset().id() + " failed (" + e.kind() + "); try again", e.isRetryable(), e);
      }
    }
    // The object may have moved (a migration switched its location): read the row again, once.
    ServedObject fresh = resolve(ex, obj.asset().id(), obj.kind(), true);
    try {
      return read(fresh, r);
    } catch (StorageException e) {
      throw new ServerException(Kind.INTERNAL, "the " + obj.kind().id() + " of asset " + obj.asset().id()
          + " is in the catalog but missing from storage; an admin should check " + fresh.location(), e);
    }
  }

  /** ETag and Last-Modified, sent with every answer about the object (200, 206, 304). */
  static void validators(HttpFields.Mutable h, ServedObject obj) {
    h.put("ETag", obj.etag());
    h.put("Last-Modified", Conditional.httpDate(obj.asset().createdAt()));
    h.put("X-Content-Type-Options", "nosniff");
  }

  /** The headers of an answer that carries the object's bytes. */
  static void contentHeaders(HttpFields.Mutable h, ServedObject obj, String disposition) {
    h.put("Cache-Control", CACHE_CONTROL);
    h.put("Accept-Ranges", "bytes");
    h.put("Content-Type", obj.mediaType());
    h.put("Content-Disposition", disposition);
  }

  /** S3 objects in proxy mode come through presigned GETs; everything else through its store. */
  private BlobStream read(ServedObject obj, ByteRange range) {
    if (obj.location().backend() == StorageBackend.S3 && proxyReader.supports(obj.location())) {
      return proxyReader.open(obj.location(), range);
    }
    return storage.open(obj.location(), range);
  }

  private ServedObject resolve(Exchange ex, String id, ObjectKind kind, boolean fresh) {
    ServedObject obj = ServedObject.of(assets.get(ex.requireUser(), id, fresh), kind);
    if (obj == null) {
      throw ServerException.notFound("the " + kind.id() + " of asset " + id);
    }
    return obj;
  }

  private void redirect(Exchange ex, ServedObject obj, String disposition) {
    PresignedUrl url;
    try {
      url = redirectUrls.get(obj.location(), obj.mediaType(), disposition, () -> storage.presignGet(obj.location(),
          PresignRequest.expiringIn(presignExpiry).withResponseContentType(obj.mediaType())
              .withResponseContentDisposition(disposition)));
    } catch (StorageException e) {
      throw new ServerException(Kind.UNAVAILABLE, "could not sign a URL for asset " + obj.asset().id() + " ("
          + e.kind() + "); try again or set LIGHTBOX_S3_SERVE_MODE=proxy", e.isRetryable(), e);
    }
    ex.header("Cache-Control", REDIRECT_CACHE_CONTROL);
    ex.header("Location", url.url().toString());
    ex.sendEmpty(302);
  }

  /** One range, or null to ignore the header (multiple ranges or a syntax we do not serve: send it all). */
  private static ByteRange parseRange(String header) {
    try {
      return ByteRange.parseHttp(header.trim());
    } catch (StorageException e) {
      return null;
    }
  }
}
