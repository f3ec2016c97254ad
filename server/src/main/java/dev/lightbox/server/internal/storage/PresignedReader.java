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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams objects from a bucket for proxy mode by fetching presigned GET URLs (the same URLs redirect mode
 * hands to browsers) over a pooled HTTP/1.1 client, with the Range passed through and the body streamed.
 * URLs are kept per object until shortly before they expire, so a request costs one plain GET instead of a
 * fully signed SDK call. URLs never leave this class: not in logs, not in errors.
 */
public final class PresignedReader implements AutoCloseable {
  private static final Duration LIFETIME = Duration.ofMinutes(30);
  private static final Duration MARGIN = Duration.ofMinutes(5);
  private static final int MAX_CACHED = 100_000;

  private final LibraryStorage storage;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final ConcurrentHashMap<Location, PresignedUrl> urls = new ConcurrentHashMap<>();

  public PresignedReader(LibraryStorage storage) {
    this.storage = storage;
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
      HttpRequest.Builder req = HttpRequest.newBuilder(url.url()).timeout(Duration.ofSeconds(60)).GET();
      url.requiredHeaders().forEach(req::header);
      if (range != null) {
        req.header("Range", range.toHttpHeader());
      }
      HttpResponse<InputStream> r;
      try {
        r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw error(Kind.UNAVAILABLE, location, "the bucket did not answer: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw error(Kind.UNAVAILABLE, location, "interrupted", e);
      }
      int status = r.statusCode();
      if (status == 200 || status == 206) {
        return stream(location, range, r);
      }
      closeQuietly(r.body());
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

  private BlobStream stream(Location location, ByteRange range, HttpResponse<InputStream> r) {
    long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    String contentRange = r.headers().firstValue("Content-Range").orElse(null);
    ByteRange.Resolved resolved = null;
    long total = length;
    if (r.statusCode() == 206 && contentRange != null && contentRange.startsWith("bytes ")) {
      try {
        String spec = contentRange.substring(6);
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        total = Long.parseLong(spec.substring(slash + 1));
        resolved = new ByteRange.Resolved(Long.parseLong(spec.substring(0, dash)),
            Long.parseLong(spec.substring(dash + 1, slash)), total);
      } catch (RuntimeException e) {
        closeQuietly(r.body());
        throw error(Kind.INTERNAL, location, "the bucket sent an unreadable Content-Range", e);
      }
    } else if (range != null) {
      resolved = range.resolve(length); // the store sent it all: the caller reads only what it asked for
      if (resolved == null) {
        closeQuietly(r.body());
        throw error(Kind.RANGE_NOT_SATISFIABLE, location, "range " + range + " is past the end", null);
      }
      try {
        r.body().skipNBytes(resolved.first());
      } catch (IOException e) {
        closeQuietly(r.body());
        throw error(Kind.UNAVAILABLE, location, "reading the object failed: " + e.getMessage(), e);
      }
    }
    BlobInfo info = new BlobInfo(location.key(), Math.max(total, 0), r.headers().firstValue("Content-Type").orElse(null),
        r.headers().firstValue("ETag").orElse(null), null, null, null, null);
    return new BlobStream(r.body(), info, resolved);
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
    http.close();
  }
}
