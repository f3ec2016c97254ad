package dev.lightbox.storage.s3.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import dev.lightbox.storage.ObjectLock;
import dev.lightbox.storage.StorageException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Copies one object to another key inside the bucket without moving the bytes through this process:
 * CopyObject up to the configured threshold (S3 allows 5 GiB), a multipart copy of parallel
 * UploadPartCopy ranges above it, aborted on failure.
 */
final class ServerSideCopy {
  private final S3Context ctx;
  private final ExecutorService executor;

  ServerSideCopy(S3Context ctx, ExecutorService executor) {
    this.ctx = ctx;
    this.executor = executor;
  }

  /** The headers the target gets: null to keep the source's, or these to replace them (with an Object Lock). */
  record Headers(String contentType, String cacheControl, String contentDisposition, Map<String, String> metadata,
      ObjectLock lock) {
    Headers(String contentType, String cacheControl, String contentDisposition, Map<String, String> metadata) {
      this(contentType, cacheControl, contentDisposition, metadata, null);
    }
  }

  /** The copy's ETag and time. */
  record Copied(String etag, Instant lastModified) {
  }

  Copied copy(String sourceKey, String targetKey, long size, Headers replace, String operation, String userKey) {
    try {
      // Without UploadPartCopy (GCS) one CopyObject has to do, whatever the size.
      if (size > ctx.config().multipartCopyThreshold() && ctx.config().quirks().multipartCopy()) {
        return multipart(sourceKey, targetKey, size, replace == null ? sourceHeaders(sourceKey) : replace,
            operation, userKey);
      }
      var result = ctx.client().copyObject(b -> {
        b.sourceBucket(ctx.bucket()).sourceKey(sourceKey).destinationBucket(ctx.bucket()).destinationKey(targetKey);
        if (replace == null) {
          b.metadataDirective(MetadataDirective.COPY);
        } else {
          b.metadataDirective(MetadataDirective.REPLACE).metadata(replace.metadata())
              .contentType(replace.contentType()).cacheControl(replace.cacheControl())
              .contentDisposition(replace.contentDisposition());
          ObjectLockHeaders.copy(b, replace.lock());
        }
        ctx.sse().copy(b);
      }).copyObjectResult();
      return new Copied(S3Metadata.etag(result.eTag()), result.lastModified());
    } catch (RuntimeException e) {
      throw ctx.error(e, operation, userKey);
    }
  }

  private Headers sourceHeaders(String sourceKey) {
    var head = ctx.client().headObject(b -> ctx.sse().head(b.bucket(ctx.bucket()).key(sourceKey)));
    return new Headers(head.contentType(), head.cacheControl(), head.contentDisposition(), head.metadata());
  }

  private Copied multipart(String sourceKey, String targetKey, long size, Headers headers, String operation,
      String userKey) {
    String uploadId = ctx.client().createMultipartUpload(b -> {
      b.bucket(ctx.bucket()).key(targetKey)
          .contentType(headers.contentType()).cacheControl(headers.cacheControl())
          .contentDisposition(headers.contentDisposition()).metadata(headers.metadata());
      ObjectLockHeaders.create(b, headers.lock());
      ctx.sse().create(b);
    }).uploadId();
    try {
      long partSize = Math.max(ctx.config().partSize(), ceilDiv(size, dev.lightbox.storage.s3.S3Config.MAX_PARTS));
      List<Future<CompletedPart>> futures = new ArrayList<>();
      java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(ctx.config().concurrency());
      int partNumber = 0;
      for (long first = 0; first < size; first += partSize) {
        int number = ++partNumber;
        String range = "bytes=" + first + "-" + (Math.min(size, first + partSize) - 1);
        slots.acquireUninterruptibly();
        futures.add(executor.submit(() -> {
          try {
            var r = ctx.client().uploadPartCopy(b -> ctx.sse().partCopy(b.sourceBucket(ctx.bucket())
                .sourceKey(sourceKey).destinationBucket(ctx.bucket()).destinationKey(targetKey).uploadId(uploadId)
                .partNumber(number).copySourceRange(range)));
            return CompletedPart.builder().partNumber(number).eTag(r.copyPartResult().eTag()).build();
          } finally {
            slots.release();
          }
        }));
      }
      List<CompletedPart> parts = new ArrayList<>();
      Exception firstFailure = null;
      for (Future<CompletedPart> f : futures) {
        try {
          parts.add(f.get());
        } catch (java.util.concurrent.ExecutionException failed) {
          firstFailure = firstFailure == null ? failed : firstFailure;
        }
      }
      if (firstFailure != null) {
        throw firstFailure;
      }
      parts.sort(Comparator.comparing(CompletedPart::partNumber));
      var done = ctx.client().completeMultipartUpload(b -> ctx.sse().complete(b.bucket(ctx.bucket()).key(targetKey)
          .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
      return new Copied(S3Metadata.etag(done.eTag()), null);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      StorageException error = ctx.error(cause, operation, userKey);
      MultipartAbort.abort(ctx, targetKey, uploadId, operation, userKey, error);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw error;
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
