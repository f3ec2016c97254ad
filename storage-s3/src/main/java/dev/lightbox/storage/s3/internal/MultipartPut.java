package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.TransferProgress;
import dev.lightbox.storage.internal.HashingInputStream;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads one stream as a multipart upload of equal parts to {@code objectKey}: the calling thread reads
 * and hashes parts in order while up to {@code concurrency} parts go up in parallel; at most
 * {@code concurrency + 1} part buffers exist at once. Each part request is retried with backoff by the
 * SDK's retry strategy. On any failure the upload is aborted (itself retried), so no incomplete multipart
 * upload is left behind. The upload is completed only when every byte arrived and the SHA-256 matches
 * what the caller expected.
 */
final class MultipartPut {
  private final S3Context ctx;
  private final ExecutorService executor;
  private final String objectKey;
  private final String userKey;
  private final int partSize;
  private final TransferProgress progress;
  private final boolean partChecksums;
  private final boolean unsignedParts;
  private final Semaphore inFlight;
  private final PartPool pool;
  private final List<CompletedPart> parts = new ArrayList<>();
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private String uploadId;

  MultipartPut(S3Context ctx, ExecutorService executor, String objectKey, String userKey, int partSize,
      TransferProgress progress, boolean unsignedParts) {
    this.ctx = ctx;
    this.executor = executor;
    this.objectKey = objectKey;
    this.userKey = userKey;
    this.partSize = partSize;
    this.progress = progress;
    this.unsignedParts = unsignedParts;
    this.partChecksums = ctx.config().sendChecksumSha256();
    this.inFlight = new Semaphore(ctx.config().concurrency());
    this.pool = new PartPool(partSize, ctx.config().concurrency() + 1);
  }

  /** The outcome: bytes uploaded, their SHA-256 and the completed object's ETag. */
  record Result(long size, String sha256, String etag) {
  }

  /**
   * Uploads {@code first} (already read, may be null) and then the rest of {@code in}, checks the length
   * (when {@code length >= 0}) and the expected SHA-256 (when not null), and completes the upload.
   */
  Result upload(HashingInputStream in, byte[] first, long length, String expectedSha256,
      ServerSideCopy.Headers headers) {
    create(headers);
    try {
      long total = sendParts(in, first, length);
      awaitParts();
      String sha256 = in.sha256Hex();
      if (expectedSha256 != null && !expectedSha256.equals(sha256)) {
        throw StorageException.of(Kind.INTEGRITY, "put", ctx.store(), userKey,
            "the content hashes to " + sha256 + " but " + expectedSha256 + " was expected; nothing was stored");
      }
      String etag = complete();
      return new Result(total, sha256, etag);
    } catch (Throwable t) {
      StorageException error = t instanceof InterruptedException
          ? StorageException.retryable(Kind.UNAVAILABLE, "put", ctx.store(), userKey, "interrupted", true, t)
          : ctx.error(t, "put", userKey);
      stopParts();
      MultipartAbort.abort(ctx, objectKey, uploadId, "put", userKey, error);
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw error;
    }
  }

  private void create(ServerSideCopy.Headers headers) {
    try {
      uploadId = ctx.client().createMultipartUpload(b -> {
        b.bucket(ctx.bucket()).key(objectKey);
        if (headers != null) {
          // Some stores (S3Mock) keep these from the source on a REPLACE copy, so give them here too.
          b.contentType(headers.contentType()).cacheControl(headers.cacheControl())
              .contentDisposition(headers.contentDisposition()).metadata(headers.metadata());
        }
        if (partChecksums) {
          b.checksumAlgorithm(ChecksumAlgorithm.SHA256);
        }
        ctx.sse().create(b);
      }).uploadId();
    } catch (RuntimeException e) {
      throw ctx.error(e, "put (start multipart upload)", userKey);
    }
  }

  private long sendParts(HashingInputStream in, byte[] first, long length) throws InterruptedException {
    long total = 0;
    int partNumber = 0;
    byte[] buffer = first;
    int n;
    if (first != null) {
      pool.adopt();
      n = first.length;
    } else {
      buffer = pool.take();
      n = readPart(in, buffer);
    }
    while (n > 0) {
      if (failure.get() != null) {
        break;
      }
      if (++partNumber > dev.lightbox.storage.s3.S3Config.MAX_PARTS) {
        throw StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), userKey,
            "the stream is larger than 10,000 parts of " + partSize + " bytes; set a larger part size");
      }
      if (length >= 0 && total + n > length) {
        throw tooLong(length);
      }
      inFlight.acquire();
      submit(partNumber, buffer, n);
      total += n;
      if (n < partSize || (length >= 0 && total == length)) {
        break;
      }
      buffer = pool.take();
      n = readPart(in, buffer);
    }
    if (failure.get() == null && length >= 0) {
      if (total < length) {
        throw StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), userKey,
            "the stream ended after " + total + " of the " + length + " bytes announced; nothing was stored");
      }
      if (readPart(in, new byte[1]) > 0) {
        throw tooLong(length);
      }
    }
    return total;
  }

  /** Reads one part from the caller's stream; a failure there is the source's, not the store's. */
  private int readPart(HashingInputStream in, byte[] buffer) {
    try {
      return in.readNBytes(buffer, 0, Math.min(buffer.length, partSize));
    } catch (IOException e) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), userKey,
          "could not read the data to store (" + e.getMessage() + "); nothing was stored", e);
    }
  }

  private StorageException tooLong(long length) {
    return StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), userKey,
        "the stream holds more than the " + length + " bytes announced; nothing was stored");
  }

  private void submit(int partNumber, byte[] buffer, int n) {
    executor.execute(() -> {
      running.add(Thread.currentThread());
      try {
        if (stopped) {
          return;
        }
        CompletedPart part = uploadPart(partNumber, buffer, n);
        synchronized (parts) {
          parts.add(part);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        running.remove(Thread.currentThread());
        pool.give(buffer);
        inFlight.release();
      }
    });
  }

  private CompletedPart uploadPart(int partNumber, byte[] buffer, int n) {
    String checksum = null;
    String hex = null;
    if (partChecksums) {
      MessageDigest digest = HashingInputStream.newSha256();
      digest.update(buffer, 0, n);
      byte[] sha256 = digest.digest();
      checksum = Base64.getEncoder().encodeToString(sha256);
      hex = HexFormat.of().formatHex(sha256);
    }
    String partChecksum = checksum;
    String partHex = hex;
    var response = ctx.client().uploadPart(b -> {
      b.bucket(ctx.bucket()).key(objectKey).uploadId(uploadId).partNumber(partNumber).contentLength((long) n);
      if (partChecksum != null) {
        // The part is hashed here already: the signer reuses that instead of hashing it again.
        b.checksumSHA256(partChecksum)
            .overrideConfiguration(o -> o.putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, unsignedParts
                ? KnownHashSigner.UNSIGNED_PAYLOAD : partHex));
      } else if (unsignedParts) {
        b.overrideConfiguration(o -> o.putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER, KnownHashSigner.UNSIGNED_PAYLOAD));
      }
      ctx.sse().part(b);
    }, ProgressBody.of(buffer, 0, n, progress, null));
    return CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).checksumSHA256(partChecksum).build();
  }

  private void awaitParts() throws InterruptedException {
    inFlight.acquire(ctx.config().concurrency());
    inFlight.release(ctx.config().concurrency());
    Throwable t = failure.get();
    if (t != null) {
      throw ctx.error(t, "put (upload part)", userKey);
    }
  }

  /** Cancels parts still running and waits until none is, so nothing lands after the abort. */
  private void stopParts() {
    stopped = true;
    running.forEach(Thread::interrupt);
    inFlight.acquireUninterruptibly(ctx.config().concurrency());
    inFlight.release(ctx.config().concurrency());
  }

  private String complete() {
    List<CompletedPart> sorted;
    synchronized (parts) {
      sorted = new ArrayList<>(parts);
    }
    sorted.sort(Comparator.comparing(CompletedPart::partNumber));
    try {
      return S3Metadata.etag(ctx.client().completeMultipartUpload(b -> ctx.sse().complete(b.bucket(ctx.bucket())
          .key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(sorted)))).eTag());
    } catch (RuntimeException e) {
      throw ctx.error(e, "put (complete multipart upload)", userKey);
    }
  }
}
