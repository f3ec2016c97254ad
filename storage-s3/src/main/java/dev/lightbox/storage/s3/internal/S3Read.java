package dev.lightbox.storage.s3.internal;

import java.io.IOException;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** GET, ranged GET and HEAD, with a missing key always reported as NOT_FOUND. */
final class S3Read {
  private final S3Context ctx;
  private final ObjectFetcher fetcher;
  private volatile boolean bucketConfirmed;

  S3Read(S3Context ctx, ObjectFetcher fetcher) {
    this.ctx = ctx;
    this.fetcher = fetcher;
  }

  BlobStream get(BlobKey key) {
    String objectKey = ctx.keys().objectKey(key);
    try {
      ObjectResponse r = fetcher.get(objectKey, null, "get", key.value());
      return new BlobStream(new ObjectStream(r, r.contentLength()), info(key, r.contentLength(), r), null);
    } catch (RuntimeException e) {
      throw missingOrError(e, "get", key, objectKey);
    }
  }

  BlobStream getRange(BlobKey key, ByteRange range) {
    String objectKey = ctx.keys().objectKey(key);
    ObjectResponse r;
    try {
      r = fetcher.get(objectKey, range.toHttpHeader(), "getRange", key.value());
    } catch (RuntimeException e) {
      StorageException error = missingOrError(e, "getRange", key, objectKey);
      if (error.kind() == Kind.RANGE_NOT_SATISFIABLE) {
        throw unsatisfiable(key, range, error);
      }
      throw error;
    }
    ByteRange.Resolved resolved = parseContentRange(r.contentRange());
    try {
      if (resolved == null) {
        // The store ignored the Range header and sent the whole object: cut the range out here.
        resolved = range.resolve(r.contentLength());
        if (resolved == null) {
          r.abort().run();
          throw unsatisfiable(key, range, null);
        }
        ObjectStream body = new ObjectStream(r, r.contentLength()).skipFirst(resolved.first()).limitTo(resolved.length());
        return new BlobStream(body, info(key, resolved.totalSize(), r), resolved);
      }
      // Some stores (S3Mock) answer 206 with an empty "bytes 1000-999/1000" instead of 416: check here.
      ByteRange.Resolved expected = range.resolve(resolved.totalSize());
      if (expected == null) {
        r.abort().run();
        throw unsatisfiable(key, range, null);
      }
      if (expected.first() != resolved.first() || expected.last() != resolved.last()) {
        r.abort().run();
        throw StorageException.of(Kind.INTERNAL, "getRange", ctx.store(), key.value(), "asked for "
            + range.toHttpHeader() + " but the store sent " + resolved.contentRange());
      }
      return new BlobStream(new ObjectStream(r, resolved.length()), info(key, resolved.totalSize(), r), resolved);
    } catch (IOException e) {
      r.abort().run();
      throw ctx.error(e, "getRange", key.value());
    }
  }

  private static BlobInfo info(BlobKey key, long size, ObjectResponse r) {
    return S3Metadata.info(key, size, r.contentType(), r.eTag(), r.lastModified(), r.cacheControl(), r.metadata());
  }

  private StorageException unsatisfiable(BlobKey key, ByteRange range, Throwable cause) {
    return StorageException.of(Kind.RANGE_NOT_SATISFIABLE, "getRange", ctx.store(), key.value(),
        "range " + range.toHttpHeader() + " starts beyond the end of the object; head it for its size", cause);
  }

  /** Parses {@code bytes first-last/total}; null when absent. */
  static ByteRange.Resolved parseContentRange(String header) {
    if (header == null || !header.startsWith("bytes ")) {
      return null;
    }
    int dash = header.indexOf('-');
    int slash = header.indexOf('/');
    if (dash < 0 || slash < dash) {
      return null;
    }
    try {
      return new ByteRange.Resolved(Long.parseLong(header.substring(6, dash).trim()),
          Long.parseLong(header.substring(dash + 1, slash).trim()), Long.parseLong(header.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  BlobInfo headOrNull(BlobKey key) {
    String objectKey = ctx.keys().objectKey(key);
    try {
      ObjectResponse r = fetcher.head(objectKey, "head", key.value());
      return info(key, r.contentLength(), r);
    } catch (RuntimeException e) {
      StorageException error = missingOrError(e, "head", key, objectKey);
      if (error.kind() == Kind.NOT_FOUND && !isMissingBucket(error)) {
        requireBucket(key);
        return null;
      }
      throw error;
    }
  }

  /**
   * A HEAD answer has no body, so a 404 does not say whether the key or the whole bucket is missing: the
   * first time, ask about the bucket, so a misspelt bucket is not reported as an empty one.
   */
  private void requireBucket(BlobKey key) {
    if (bucketConfirmed) {
      return;
    }
    try {
      ctx.client().headBucket(b -> b.bucket(ctx.bucket()));
      bucketConfirmed = true;
    } catch (RuntimeException e) {
      StorageException error = ctx.error(e, "head", key.value());
      if (error.kind() == Kind.NOT_FOUND) {
        throw StorageException.of(Kind.NOT_FOUND, "head", ctx.store(), key.value(),
            "bucket '" + ctx.bucket() + "' does not exist (NoSuchBucket); create it or fix its name", e);
      }
      if (error.kind() != Kind.ACCESS_DENIED) {
        throw error;
      }
      // Keys scoped to a prefix may not see the bucket itself: nothing more to learn here.
      bucketConfirmed = true;
    }
  }

  BlobInfo head(BlobKey key) {
    BlobInfo info = headOrNull(key);
    if (info == null) {
      throw notFound("head", key, null);
    }
    return info;
  }

  /**
   * Maps a failed read. Some stores (B2 with a scoped key, S3 without ListBucket) answer 403 instead of
   * 404 for a missing key; then a one-key listing tells a missing object from a forbidden one.
   */
  private StorageException missingOrError(RuntimeException e, String operation, BlobKey key, String objectKey) {
    StorageException error = ctx.error(e, operation, key.value());
    if (error.kind() == Kind.NOT_FOUND && !isMissingBucket(error)) {
      return notFound(operation, key, e);
    }
    if (error.kind() == Kind.ACCESS_DENIED && ctx.config().quirks().missingKeyAs403() && isListedAsMissing(objectKey)) {
      return notFound(operation, key, e);
    }
    return error;
  }

  private boolean isListedAsMissing(String objectKey) {
    try {
      var page = ctx.client().listObjectsV2(b -> b.bucket(ctx.bucket()).prefix(objectKey).maxKeys(1));
      return page.contents().isEmpty() || !page.contents().getFirst().key().equals(objectKey);
    } catch (RuntimeException listingAlsoRefused) {
      return false;
    }
  }

  private static boolean isMissingBucket(StorageException e) {
    return e.getMessage().contains("NoSuchBucket");
  }

  private StorageException notFound(String operation, BlobKey key, Throwable cause) {
    return StorageException.of(Kind.NOT_FOUND, operation, ctx.store(), key.value(), "no object at this key", cause);
  }
}
