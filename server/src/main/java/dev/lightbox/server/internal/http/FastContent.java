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
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCookie;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The hot path of a gallery: a plain GET of a small object whose caller and asset are already cached,
 * answered on the thread that read the request with one asynchronous write, like a static file server. The
 * bytes come from the {@link ObjectCache} (disk, and S3 in proxy mode) or, for disk, from one read of the
 * file. Anything else (an S3 object not in the cache, a Range or conditional header, a query, a larger
 * object, redirect mode, any error) returns false and takes the full route on a virtual thread, which
 * gives the same answer (and fills the cache).
 */
final class FastContent {
  private final AuthService auth;
  private final AssetService assets;
  private final LibraryStorage storage;
  private final ObjectCache cache;
  private final boolean s3Proxy;
  private final Metrics metrics;
  /** Header fields per object, encoded once; rebuilt when the cached asset row is replaced. */
  private final ConcurrentHashMap<String, Prepared> prepared = new ConcurrentHashMap<>();

  private record Prepared(Asset asset, HttpField[] fields) {
  }

  FastContent(AuthService auth, AssetService assets, LibraryStorage storage, ObjectCache cache, ServeMode s3Mode,
      Metrics metrics) {
    this.auth = auth;
    this.assets = assets;
    this.storage = storage;
    this.cache = cache;
    this.s3Proxy = s3Mode == ServeMode.PROXY;
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
    if (obj == null || obj.size() > ContentRoutes.SMALL_OBJECT) {
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
      bytes = s3Proxy ? cache.getIfPresent(obj.location(), obj.sha256()) : null;
    }
    if (bytes == null || bytes.length != obj.size()) {
      return false;
    }
    long start = System.nanoTime();
    HttpFields.Mutable out = response.getHeaders();
    for (HttpField field : fields(asset, kind, obj)) {
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

  private HttpField[] fields(Asset asset, ObjectKind kind, ServedObject obj) {
    String key = asset.id() + "/" + kind.id();
    Prepared p = prepared.get(key);
    if (p == null || p.asset() != asset) {
      HttpFields.Mutable h = HttpFields.build();
      ContentRoutes.validators(h, obj);
      ContentRoutes.contentHeaders(h, obj, ContentDisposition.of("inline", obj.fileName()));
      h.put("Content-Length", obj.size());
      p = new Prepared(asset, h.stream().map(f -> f.getHeader() == null ? f
          : new PreEncodedHttpField(f.getHeader(), f.getName(), f.getValue())).toArray(HttpField[]::new));
      if (prepared.size() > 50_000) {
        prepared.clear();
      }
      prepared.put(key, p);
    }
    return p.fields();
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
