package dev.lightbox.server.serving;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.config.ServeMode;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.storage.ObjectCache;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.StorageException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The one serving decision for an asset's original, thumbnail or preview: ownership first, then conditional
 * requests from the catalog alone, then a redirect to a presigned URL (S3 in redirect mode) or the bytes,
 * with one range. Small whole objects come from the {@link ObjectCache}; larger objects and ranges are read
 * from the store, and a read that finds the object gone reads the catalog row again (a migration may have
 * moved it). {@link #planFromMemory} makes the same decision without blocking, or says it would have to.
 */
public final class ContentService {
  /** Objects up to one streaming chunk (thumbnails) are read in one go and answered in one write. */
  public static final long SMALL_OBJECT = 64 * 1024;

  private final AssetService assets;
  private final ServedObjects objects;
  private final LibraryStorage storage;
  private final ObjectCache cache;
  private final boolean redirectS3;
  private final Duration presignExpiry;
  private final RedirectUrls redirects;

  public ContentService(AssetService assets, LibraryStorage storage, ObjectCache cache, ServeMode s3Mode,
      Duration presignExpiry, Clock clock) {
    this.assets = assets;
    this.storage = storage;
    this.objects = new ServedObjects(assets, storage);
    this.cache = cache;
    this.redirectS3 = s3Mode == ServeMode.REDIRECT;
    this.presignExpiry = presignExpiry;
    this.redirects = new RedirectUrls(presignExpiry, clock);
  }

  /** The answer, reading the catalog and the store as needed; a missing or foreign asset is a 404. */
  public ContentPlan plan(ContentRequest request) throws IOException {
    ServedObject obj = objects.resolve(request.user(), request.assetId(), request.kind(), false);
    ServedObjects.refuseOffline(obj);
    ContentPlan early = beforeContent(request, obj, false);
    if (early != null) {
      return early;
    }
    String disposition = obj.disposition(request.download());
    ByteRange.Resolved range = null;
    if (request.range() != null && Conditional.ifRangeAllows(request.ifRange(), obj.etag(), obj.asset().createdAt())) {
      ByteRange requested;
      try {
        requested = parseRange(request.range());
      } catch (StorageException unsatisfiable) { // bytes=-0: well formed, selects nothing
        return new ContentPlan.RangeNotSatisfiable(obj, disposition, request.range());
      }
      if (requested != null) {
        range = requested.resolve(obj.size());
        if (range == null) {
          return new ContentPlan.RangeNotSatisfiable(obj, disposition, request.range());
        }
      }
    }
    if (request.head()) {
      return new ContentPlan.Headers(obj, disposition, range);
    }
    User user = request.user();
    if (range == null && cache.accepts(obj.size())) {
      return new ContentPlan.Bytes(obj, disposition, null,
          cache.load(obj.location(), obj.sha256(), () -> objects.readSmall(user, obj, null)));
    }
    long length = range == null ? obj.size() : range.length();
    if (length <= SMALL_OBJECT) {
      return new ContentPlan.Bytes(obj, disposition, range, objects.readSmall(user, obj, range));
    }
    return new ContentPlan.Stream(obj, disposition, range, objects.open(user, obj, range));
  }

  /**
   * The answer to a plain GET from what is in memory: the cached asset row, a presigned URL handed out
   * moments ago, the cached bytes, or one read of a small object on the local disk (as a static file server
   * does on its I/O thread). {@link ContentPlan#NEEDS_IO} for anything else, including a Range, a HEAD, an
   * asset not cached (also when it is someone else's) and any failure: then {@link #plan} answers.
   */
  public ContentPlan planFromMemory(ContentRequest request) {
    if (request.head() || request.range() != null) {
      return ContentPlan.NEEDS_IO;
    }
    Asset asset = assets.cached(request.user(), request.assetId());
    ServedObject obj = asset == null ? null : objects.served(asset, request.kind());
    if (obj == null || (asset.offline() && request.kind() == dev.lightbox.server.assets.ObjectKind.ORIGINAL)) {
      return ContentPlan.NEEDS_IO;
    }
    ContentPlan early = beforeContent(request, obj, true);
    if (early != null) {
      return early;
    }
    if (obj.size() > SMALL_OBJECT) {
      return ContentPlan.NEEDS_IO;
    }
    byte[] bytes;
    if (obj.location().backend() == StorageBackend.DISK) {
      try {
        bytes = cache.accepts(obj.size()) ? cache.load(obj.location(), obj.sha256(), () -> objects.readWhole(obj))
            : objects.readWhole(obj);
      } catch (IOException | RuntimeException e) {
        return ContentPlan.NEEDS_IO; // plan reads the row again, or reports the failure properly
      }
    } else {
      bytes = cache.getIfPresent(obj.location(), obj.sha256());
    }
    if (bytes == null || bytes.length != obj.size()) {
      return ContentPlan.NEEDS_IO;
    }
    return new ContentPlan.Bytes(obj, obj.disposition(request.download()), null, bytes);
  }

  /** A 304, 412 or redirect, decided before any byte is read; null to go on; NEEDS_IO to sign a URL. */
  private ContentPlan beforeContent(ContentRequest request, ServedObject obj, boolean memoryOnly) {
    if (request.conditional()) {
      Conditional.Outcome outcome = Conditional.evaluate(request.ifMatch(), request.ifUnmodifiedSince(),
          request.ifNoneMatch(), request.ifModifiedSince(), obj.etag(), obj.asset().createdAt(), true);
      if (outcome == Conditional.Outcome.NOT_MODIFIED) {
        return new ContentPlan.NotModified(obj);
      }
      if (outcome == Conditional.Outcome.PRECONDITION_FAILED) {
        return new ContentPlan.PreconditionFailed(obj);
      }
    }
    if (!redirectS3 || !storage.presigns(obj.location())) {
      return null;
    }
    String disposition = obj.disposition(request.download());
    PresignedUrl url = memoryOnly ? redirects.peek(obj.location(), obj.mediaType(), disposition)
        : redirects.get(obj.location(), obj.mediaType(), disposition, () -> presign(obj, disposition));
    return url == null ? ContentPlan.NEEDS_IO : new ContentPlan.Redirect(obj, url);
  }

  private PresignedUrl presign(ServedObject obj, String disposition) {
    try {
      return storage.presignGet(obj.location(), PresignRequest.expiringIn(presignExpiry)
          .withResponseContentType(obj.mediaType()).withResponseContentDisposition(disposition));
    } catch (StorageException e) {
      throw new ServerException(Kind.UNAVAILABLE, "could not sign a URL for asset " + obj.asset().id() + " ("
          + e.kind() + "); try again or set LIGHTBOX_S3_SERVE_MODE=proxy", e.isRetryable(), e);
    }
  }

  /**
   * One range, or null to ignore the header (multiple ranges or a syntax we do not serve: send it all); throws
   * when the range is well formed but no object has a byte in it ({@code bytes=-0}).
   */
  private static ByteRange parseRange(String header) {
    try {
      return ByteRange.parseHttp(header.trim());
    } catch (StorageException e) {
      if (e.kind() == StorageException.Kind.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      return null;
    }
  }
}
