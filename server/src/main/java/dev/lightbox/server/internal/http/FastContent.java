package dev.lightbox.server.internal.http;

import dev.lightbox.server.catalog.Asset;
import dev.lightbox.server.catalog.ObjectKind;
import dev.lightbox.server.catalog.User;
import dev.lightbox.server.config.ServeMode;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.internal.service.AssetService;
import dev.lightbox.server.internal.service.AuthService;
import dev.lightbox.server.internal.service.ServedObject;
import dev.lightbox.server.internal.storage.LibraryStorage;
import dev.lightbox.server.internal.storage.ObjectCache;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PresignedUrl;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCookie;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The hot path of a gallery: a plain GET of a small object whose caller and asset are already cached,
 * answered on the thread that read the request with one asynchronous write, like a static file server. The
 * bytes come from the {@link ObjectCache} (disk, and S3 in proxy mode) or, for disk, from one read of the
 * file. In redirect mode, an S3 object whose presigned URL was handed out moments ago gets the same 302
 * again ({@link RedirectUrls}). Anything else (an S3 object not in the cache, a Range or conditional header, a query, a larger
 * object, any error) returns false and takes the full route on a virtual thread, which
 * gives the same answer (and fills the cache).
 */
final class FastContent {
  private final AuthService auth;
  private final AssetService assets;
  private final LibraryStorage storage;
  private final ObjectCache cache;
  private final boolean s3Proxy;
  private final RedirectUrls redirects;
  private final Metrics metrics;
  /** Header fields per object, encoded once; rebuilt when the cached asset row is replaced. */
  private final ConcurrentHashMap<String, Prepared> prepared = new ConcurrentHashMap<>();

  private record Prepared(Asset asset, HttpField[] fields, HttpField[] redirectFields, String disposition) {
  }

  FastContent(AuthService auth, AssetService assets, LibraryStorage storage, ObjectCache cache, ServeMode s3Mode,
      RedirectUrls redirects, Metrics metrics) {
    this.auth = auth;
    this.assets = assets;
    this.storage = storage;
    this.cache = cache;
    this.s3Proxy = s3Mode == ServeMode.PROXY;
    this.redirects = redirects;
    this.metrics = metrics;
  }

  boolean tryServe(Request request, Response response, Callback callback) {
    if (!"GET".equals(request.getMethod()) || request.getHttpURI().getQuery() != null) {
      return false;
    }
    String path = request.getHttpURI().getPath();
    if (!path.startsWith("/api/assets/")) {
      return false;
    }
    int slash = path.indexOf('/', 12);
    if (slash < 0) {
      return false;
    }
    ObjectKind kind = ObjectKind.fromId(path.substring(slash + 1));
    HttpFields h = request.getHeaders();
    if (kind == null || h.contains("Range") || h.contains("If-None-Match") || h.contains("If-Modified-Since")
        || h.contains("If-Match") || h.contains("If-Unmodified-Since")) {
      return false;
    }
    User user = auth.cachedUser(h.get("x-api-key"), h.get("x-api-key") == null ? sessionCookie(request) : null);
    if (user == null) {
      return false;
    }
    Asset asset = assets.cached(user, path.substring(12, slash));
    ServedObject obj = asset == null ? null : ServedObject.of(asset, kind);
    if (obj == null) {
      return false;
    }
    if (obj.location().backend() == StorageBackend.S3 && !s3Proxy) {
      return redirect(response, callback, asset, kind, obj);
    }
    if (obj.size() > ContentRoutes.SMALL_OBJECT) {
      return false;
    }
    byte[] bytes;
    if (obj.location().backend() == StorageBackend.DISK) {
      try {
        bytes = cache.accepts(obj.size()) ? cache.load(obj.location(), obj.sha256(), () -> readDisk(obj))
            : readDisk(obj);
      } catch (IOException | RuntimeException e) {
        return false; // the full route reports it properly
      }
    } else {
      bytes = cache.getIfPresent(obj.location(), obj.sha256()); // S3 in proxy mode: a miss takes the full route
    }
    if (bytes == null || bytes.length != obj.size()) {
      return false;
    }
    long start = System.nanoTime();
    HttpFields.Mutable out = response.getHeaders();
    for (HttpField field : prepared(asset, kind, obj).fields()) {
      out.add(field);
    }
    response.setStatus(200);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    metrics.request("GET", "/api/assets/{id}/" + kind.id(), 200, System.nanoTime() - start);
    return true;
  }

  private byte[] readDisk(ServedObject obj) throws IOException {
    byte[] bytes = new byte[(int) obj.size()];
    try (BlobStream in = storage.open(obj.location(), null)) {
      if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
        throw new IOException("the stored object ended early");
      }
    }
    return bytes;
  }

  /** A 302 to the presigned URL redirect mode handed out for this object moments ago, if there is one. */
  private boolean redirect(Response response, Callback callback, Asset asset, ObjectKind kind, ServedObject obj) {
    Prepared p = prepared(asset, kind, obj);
    PresignedUrl url = redirects.peek(obj.location(), obj.mediaType(), p.disposition());
    if (url == null) {
      return false; // the full route signs one
    }
    long start = System.nanoTime();
    HttpFields.Mutable out = response.getHeaders();
    for (HttpField field : p.redirectFields()) {
      out.add(field);
    }
    out.add(HttpHeader.LOCATION, url.url().toString());
    response.setStatus(302);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    metrics.request("GET", "/api/assets/{id}/" + kind.id(), 302, System.nanoTime() - start);
    return true;
  }

  private Prepared prepared(Asset asset, ObjectKind kind, ServedObject obj) {
    String key = asset.id() + "/" + kind.id();
    Prepared p = prepared.get(key);
    if (p == null || p.asset() != asset) {
      String disposition = ContentDisposition.of("inline", obj.fileName());
      HttpFields.Mutable h = HttpFields.build();
      ContentRoutes.validators(h, obj);
      ContentRoutes.contentHeaders(h, obj, disposition);
      h.put("Content-Length", obj.size());
      HttpFields.Mutable r = HttpFields.build();
      ContentRoutes.validators(r, obj);
      r.put("Cache-Control", ContentRoutes.REDIRECT_CACHE_CONTROL);
      p = new Prepared(asset, encoded(h), encoded(r), disposition);
      if (prepared.size() > 50_000) {
        prepared.clear();
      }
      prepared.put(key, p);
    }
    return p;
  }

  private static HttpField[] encoded(HttpFields fields) {
    return fields.stream().map(f -> f.getHeader() == null ? f
        : new PreEncodedHttpField(f.getHeader(), f.getName(), f.getValue())).toArray(HttpField[]::new);
  }

  private static String sessionCookie(Request request) {
    if (request.getHeaders().get("Cookie") == null) {
      return null;
    }
    for (HttpCookie c : Request.getCookies(request)) {
      if (c.getName().equals(ApiHandler.SESSION_COOKIE)) {
        return c.getValue();
      }
    }
    return null;
  }
}
