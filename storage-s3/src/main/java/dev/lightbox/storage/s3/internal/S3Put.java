package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.TransferProgress;
import dev.lightbox.storage.UserMetadata;
import dev.lightbox.storage.internal.HashingInputStream;
import dev.lightbox.storage.s3.S3Config;

/**
 * Puts objects, reading the caller's data exactly once and hashing it on the way.
 *
 * <p>How the SHA-256 reaches the object's metadata, given that S3 metadata is fixed when an upload
 * starts and cannot change after it completes:
 * <ul>
 *   <li>Up to one part size, the data is read into memory (bounded by the part size), hashed, and sent
 *       in one PutObject that carries the hash in metadata (and as {@code x-amz-checksum-sha256} where the
 *       store accepts it, so the store verifies it too).
 *   <li>Larger or unknown-length data goes up as a multipart upload to a hidden temporary key
 *       ({@link S3Keys#TEMP_DIR}) while it is hashed part by part. Only once every part arrived and the
 *       hash is known, a server-side copy (CopyObject with REPLACE, or a multipart copy above 5 GiB) puts
 *       the object and its final metadata at the real key in one atomic step, and the temporary object is
 *       deleted. The price is one copy inside the store; the data still crosses the network once, readers
 *       never see a partial object, and a failure at any step leaves the real key untouched.
 *   <li>When the caller already knows the hash ({@link PutOptions#expectedSha256()}, as a migration does),
 *       and the key is free, the metadata is known up front: the multipart upload goes straight to the real
 *       key and is completed only if the data hashes to it (aborted otherwise), with no copy.
 * </ul>
 * A Path is put the same way as a stream of known length: it is read once, sequentially.
 */
final class S3Put {
  /** Bytes asked of the source per read while a single-request body is gathered. */
  private static final int READ_CHUNK = 256 * 1024;

  private final S3Context ctx;
  private final ExecutorService executor;
  private final ServerSideCopy copier;

  S3Put(S3Context ctx, ExecutorService executor, ServerSideCopy copier) {
    this.ctx = ctx;
    this.executor = executor;
    this.copier = copier;
  }

  BlobInfo put(BlobKey key, Path file, PutOptions options) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(key, in, Files.size(file), options);
    } catch (IOException e) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), key.value(),
          "could not read " + file + ": " + e.getMessage(), e);
    }
  }

  BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    String objectKey = ctx.keys().objectKey(key);
    check(key, length, options);
    TransferProgress progress = options.progress();
    progress.onStart(length);
    HashingInputStream hashing = new HashingInputStream(in, TransferProgress.NONE);
    int singleLimit = (int) ctx.config().partSize();
    try {
      byte[] first;
      if (length >= 0 && length <= singleLimit) {
        first = new byte[(int) length];
        int read = readFully(hashing, first);
        if (read < length) {
          throw invalid(key, "the stream ended after " + read + " of the " + length
              + " bytes announced; nothing was stored");
        }
        if (hashing.read() >= 0) {
          throw invalid(key, "the stream holds more than the " + length + " bytes announced; nothing was stored");
        }
      } else {
        first = length < 0 ? hashing.readNBytes(singleLimit) : null;
      }
      BlobInfo info = first != null && first.length < singleLimit || length >= 0 && length <= singleLimit
          ? single(key, objectKey, first, hashing.sha256Hex(), options)
          : multipart(key, objectKey, hashing, first, length, options);
      progress.onComplete(info.size());
      return info;
    } catch (IOException e) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), key.value(),
          "could not read the data to store: " + e.getMessage() + "; nothing was stored", e);
    }
  }

  /**
   * Reads into the whole buffer in moderate chunks (what {@code readNBytes(int)} would gather in a list and
   * copy once more); returns the bytes read, less than the buffer only when the stream ended.
   */
  private static int readFully(InputStream in, byte[] buffer) throws IOException {
    int total = 0;
    while (total < buffer.length) {
      int n = in.read(buffer, total, Math.min(buffer.length - total, READ_CHUNK));
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private void check(BlobKey key, long length, PutOptions options) {
    UserMetadata.checkSize(options.userMetadata(), "put", ctx.store(), key.value());
    if (options.objectLock() != null && !ctx.config().quirks().objectLock()) {
      throw StorageException.of(Kind.UNSUPPORTED, "put", ctx.store(), key.value(),
          ctx.config().preset().displayName() + " does not support Object Lock through the S3 API; nothing was sent");
    }
    if (length < -1) {
      throw invalid(key, "length must be -1 (unknown) or at least 0, was " + length);
    }
  }

  private BlobInfo single(BlobKey key, String objectKey, byte[] data, String sha256, PutOptions options) {
    verify(key, sha256, options);
    Map<String, String> metadata = S3Metadata.toWire(options.userMetadata(), sha256);
    try {
      var response = ctx.client().putObject(b -> {
        b.bucket(ctx.bucket()).key(objectKey).contentLength((long) data.length).metadata(metadata)
            .contentType(contentType(options)).cacheControl(options.cacheControl())
            .contentDisposition(options.contentDisposition());
        if (ctx.config().sendChecksumSha256()) {
          b.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)));
        }
        ctx.sse().put(b);
        if (options.objectLock() != null) {
          // S3 refuses an Object Lock put without a Content-MD5 (or a flexible checksum).
          ObjectLockHeaders.put(b, options.objectLock());
          b.contentMD5(md5(data));
        }
        b.overrideConfiguration(o -> o.putHeader(KnownHashSigner.PAYLOAD_HASH_HEADER,
            KnownHashSigner.payloadHash(sha256, options.verifiedByCaller())));
      }, ProgressBody.of(data, 0, data.length, options.progress(), contentType(options)));
      return info(key, data.length, S3Metadata.etag(response.eTag()), Instant.now(), sha256, options);
    } catch (RuntimeException e) {
      throw ctx.error(e, "put", key.value());
    }
  }

  private BlobInfo multipart(BlobKey key, String objectKey, HashingInputStream in, byte[] first, long length,
      PutOptions options) {
    long partSize = Math.max(ctx.config().partSize(),
        length < 0 ? 0 : (length + S3Config.MAX_PARTS - 1) / S3Config.MAX_PARTS);
    if (options.expectedSha256() != null && options.objectLock() == null && keyIsFree(objectKey)) {
      return multipartKnownHash(key, objectKey, in, first, length, partSize, options);
    }
    String tempKey = ctx.keys().tempKey();
    var tempHeaders = new ServerSideCopy.Headers(contentType(options), options.cacheControl(),
        options.contentDisposition(), S3Metadata.toWire(options.userMetadata(), null));
    try {
      // A failed completion may still have created the temporary object: the finally removes it too.
      MultipartPut.Result uploaded = new MultipartPut(ctx, executor, tempKey, key.value(), (int) partSize,
          options.progress(), options.verifiedByCaller()).upload(in, first, length, options.expectedSha256(), tempHeaders);
      var headers = new ServerSideCopy.Headers(contentType(options), options.cacheControl(),
          options.contentDisposition(), S3Metadata.toWire(options.userMetadata(), uploaded.sha256()),
          options.objectLock());
      var copied = copier.copy(tempKey, objectKey, uploaded.size(), headers, "put", key.value());
      return info(key, uploaded.size(), copied.etag(), copied.lastModified(), uploaded.sha256(), options);
    } finally {
      deleteTemp(tempKey);
    }
  }

  /**
   * When the caller knows the hash, the final metadata can be given when the upload starts, so the parts
   * go straight to the real key and no copy is needed: the upload is completed only if the streamed bytes
   * hash to that value, and aborted otherwise, so the key never holds anything else. Only for a key that
   * holds nothing yet: some servers (S3Mock) delete the existing object when an upload to its key is aborted.
   */
  private BlobInfo multipartKnownHash(BlobKey key, String objectKey, HashingInputStream in, byte[] first,
      long length, long partSize, PutOptions options) {
    var headers = new ServerSideCopy.Headers(contentType(options), options.cacheControl(),
        options.contentDisposition(), S3Metadata.toWire(options.userMetadata(), options.expectedSha256()));
    MultipartPut.Result uploaded = new MultipartPut(ctx, executor, objectKey, key.value(), (int) partSize,
        options.progress(), options.verifiedByCaller()).upload(in, first, length, options.expectedSha256(), headers);
    return info(key, uploaded.size(), uploaded.etag(), Instant.now(), uploaded.sha256(), options);
  }

  /** True only when the store says for sure that nothing is at the key (any doubt takes the copy path). */
  private boolean keyIsFree(String objectKey) {
    try {
      ctx.client().headObject(b -> ctx.sse().head(b.bucket(ctx.bucket()).key(objectKey)));
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      return e.statusCode() == 404;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void deleteTemp(String tempKey) {
    try {
      Backoff.retry(4, Duration.ofMillis(100), () -> {
        try {
          return ctx.client().deleteObject(b -> b.bucket(ctx.bucket()).key(tempKey));
        } catch (RuntimeException e) {
          throw ctx.error(e, "put (delete temporary object)", tempKey);
        }
      });
    } catch (StorageException ignored) {
      // The temporary object sits in the hidden area; it is garbage, not data, and never listed.
    }
  }

  private void verify(BlobKey key, String sha256, PutOptions options) {
    if (options.expectedSha256() != null && !options.expectedSha256().equals(sha256)) {
      throw StorageException.of(Kind.INTEGRITY, "put", ctx.store(), key.value(), "the content hashes to " + sha256
          + " but " + options.expectedSha256() + " was expected; nothing was stored");
    }
  }

  private static String md5(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  private static String contentType(PutOptions options) {
    return options.contentType() == null ? "application/octet-stream" : options.contentType();
  }

  private BlobInfo info(BlobKey key, long size, String etag, Instant lastModified, String sha256,
      PutOptions options) {
    return new BlobInfo(key, size, contentType(options), etag, sha256,
        lastModified == null ? Instant.now() : lastModified, options.cacheControl(), options.userMetadata());
  }

  private StorageException invalid(BlobKey key, String detail) {
    return StorageException.of(Kind.INVALID_ARGUMENT, "put", ctx.store(), key.value(), detail);
  }
}
