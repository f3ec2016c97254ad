package dev.lightbox.server.internal.storage;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpFields;

/**
 * Streams objects from a bucket for proxy mode by fetching presigned GET URLs (the same URLs redirect mode
 * hands to browsers) over a pooled HTTP/1.1 client (Jetty's), with the Range passed through and the body
 * streamed as it arrives.
 * URLs are kept per object until shortly before they expire, so a request costs one plain GET instead of a
 * fully signed SDK call. URLs never leave this class: not in logs, not in errors.
 */
public final class PresignedReader implements AutoCloseable {
  private static final Duration LIFETIME = Duration.ofMinutes(30);
  private static final Duration MARGIN = Duration.ofMinutes(5);
  private static final int MAX_CACHED = 100_000;

  private final LibraryStorage storage;
  private final HttpClient http = new HttpClient();
  private final ConcurrentHashMap<Location, PresignedUrl> urls = new ConcurrentHashMap<>();

  public PresignedReader(LibraryStorage storage) {
    this.storage = storage;
    http.setFollowRedirects(false);
    http.setConnectTimeout(10_000);
    http.setMaxConnectionsPerDestination(512);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP client for proxy mode", e);
    }
  }

  /** Whether this reader can serve objects of {@code location}'s store. */
  public boolean supports(Location location) {
    return storage.has(location.backend()) && storage.store(location.backend()).capabilities().presign();
  }

  /** The object (or one range of it); fails with {@code NOT_FOUND} when the store has no such object. */
  public BlobStream open(Location location, ByteRange range) {
    StorageException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      PresignedUrl url = url(location, attempt > 0);
      Request req = http.newRequest(url.url()).timeout(60, TimeUnit.SECONDS);
      req.headers(h -> {
        url.requiredHeaders().forEach(h::put);
        if (range != null) {
          h.put("Range", range.toHttpHeader());
        }
      });
      InputStreamResponseListener listener = new InputStreamResponseListener();
      req.send(listener);
      Response r;
      try {
        r = listener.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        req.abort(e);
        throw error(Kind.UNAVAILABLE, location, "the bucket did not answer: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        req.abort(e);
        Thread.currentThread().interrupt();
        throw error(Kind.UNAVAILABLE, location, "interrupted", e);
      }
      int status = r.getStatus();
      InputStream body = listener.getInputStream();
      if (status == 200 || status == 206) {
        return stream(location, range, status, r.getHeaders(), body);
      }
      closeQuietly(body);
      switch (status) {
        case 404 -> throw error(Kind.NOT_FOUND, location, "no such object", null);
        case 416 -> throw error(Kind.RANGE_NOT_SATISFIABLE, location, "range " + range + " is past the end", null);
        case 403 -> last = error(Kind.ACCESS_DENIED, location, "the bucket refused the signed URL", null);
        default -> last = error(status >= 500 ? Kind.UNAVAILABLE : Kind.INTERNAL, location,
            "the bucket answered HTTP " + status, null);
      }
      urls.remove(location); // an expired or revoked URL: sign a fresh one and try once more
    }
    throw last;
  }

  private BlobStream stream(Location location, ByteRange range, int status, HttpFields headers, InputStream body) {
    long length = headers.getLongField("Content-Length");
    String contentRange = headers.get("Content-Range");
    ByteRange.Resolved resolved = null;
    long total = length;
    if (status == 206 && contentRange != null && contentRange.startsWith("bytes ")) {
      try {
        String spec = contentRange.substring(6);
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        total = Long.parseLong(spec.substring(slash + 1));
        resolved = new ByteRange.Resolved(Long.parseLong(spec.substring(0, dash)),
            Long.parseLong(spec.substring(dash + 1, slash)), total);
      } catch (RuntimeException e) {
        closeQuietly(body);
        throw error(Kind.INTERNAL, location, "the bucket sent an unreadable Content-Range", e);
      }
    } else if (range != null) {
      resolved = range.resolve(length); // the store sent it all: the caller reads only what it asked for
      if (resolved == null) {
        closeQuietly(body);
        throw error(Kind.RANGE_NOT_SATISFIABLE, location, "range " + range + " is past the end", null);
      }
      try {
        body.skipNBytes(resolved.first());
      } catch (IOException e) {
        closeQuietly(body);
        throw error(Kind.UNAVAILABLE, location, "reading the object failed: " + e.getMessage(), e);
      }
    }
    BlobInfo info = new BlobInfo(location.key(), Math.max(total, 0), headers.get("Content-Type"),
        headers.get("ETag"), null, null, null, null);
    return new BlobStream(body, info, resolved);
  }

  private PresignedUrl url(Location location, boolean fresh) {
    Instant soon = Instant.now().plus(MARGIN);
    PresignedUrl url = fresh ? null : urls.get(location);
    if (url == null || url.expiresAt().isBefore(soon)) {
      url = storage.presignGet(location, PresignRequest.expiringIn(LIFETIME));
      if (urls.size() >= MAX_CACHED) {
        urls.clear();
      }
      urls.put(location, url);
    }
    return url;
  }

  private static StorageException error(Kind kind, Location location, String detail, Throwable cause) {
    return StorageException.of(kind, "proxy get", location.backend().id(), location.key().value(), detail, cause);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the connection is dropped
    }
  }

  @Override
  public void close() {
    urls.clear();
    try {
      http.stop();
    } catch (Exception ignored) {
      // stopping anyway
    }
  }
}
