package dev.lightbox.storage.s3.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.Capabilities;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.s3.S3Config;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 backend's operations behind {@link dev.lightbox.storage.s3.S3BlobStore}. */
public final class S3Operations implements AutoCloseable {
  private final S3Config config;
  private final S3Client client;
  private final S3Context ctx;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ServerSideCopy copier;
  private final S3Put putter;
  private final S3Read reader;
  private final S3List lister;
  private final S3Delete deleter;
  private final S3Presign presign;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile S3Presigner presigner;

  public S3Operations(S3Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = S3Clients.client(config);
    this.ctx = S3Context.of(client, config);
    this.copier = new ServerSideCopy(ctx, executor);
    this.putter = new S3Put(ctx, executor, copier);
    this.reader = new S3Read(ctx);
    this.lister = new S3List(ctx);
    this.deleter = new S3Delete(ctx, lister);
    this.presign = new S3Presign(ctx, this::presigner);
  }

  public S3Config config() {
    return config;
  }

  /** Built on first use: a CLI that never presigns does not pay for it. */
  private S3Presigner presigner() {
    S3Presigner p = presigner;
    if (p == null) {
      synchronized (this) {
        if (presigner == null) {
          presigner = S3Clients.presigner(config);
        }
        p = presigner;
      }
    }
    return p;
  }

  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    checkOpen();
    return putter.put(key, in, length, options == null ? PutOptions.DEFAULTS : options);
  }

  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    checkOpen();
    return putter.put(key, file, options == null ? PutOptions.DEFAULTS : options);
  }

  public BlobStream get(BlobKey key) {
    checkOpen();
    return reader.get(key);
  }

  public BlobStream getRange(BlobKey key, ByteRange range) {
    checkOpen();
    return reader.getRange(key, range);
  }

  public BlobInfo head(BlobKey key) {
    checkOpen();
    return reader.head(key);
  }

  public BlobInfo headOrNull(BlobKey key) {
    checkOpen();
    return reader.headOrNull(key);
  }

  public ListPage list(ListRequest request) {
    checkOpen();
    return lister.list(request);
  }

  public BlobInfo copy(BlobKey source, BlobKey target) {
    checkOpen();
    BlobInfo info = existing(source, "copy");
    String sourceKey = ctx.keys().objectKey(source);
    String targetKey = ctx.keys().objectKey(target);
    if (sourceKey.equals(targetKey)) {
      return info;
    }
    var copied = copier.copy(sourceKey, targetKey, info.size(), null, "copy", source.value());
    return new BlobInfo(target, info.size(), info.contentType(), copied.etag(), info.sha256(),
        copied.lastModified() == null ? info.lastModified() : copied.lastModified(), info.cacheControl(),
        info.userMetadata());
  }

  /** Copy, check the copy's size and SHA-256 against the source, then delete the source. */
  public BlobInfo move(BlobKey source, BlobKey target) {
    checkOpen();
    BlobInfo before = existing(source, "move");
    if (ctx.keys().objectKey(source).equals(ctx.keys().objectKey(target))) {
      return before;
    }
    copy(source, target);
    BlobInfo after = reader.head(target);
    boolean sameHash = before.sha256() == null || before.sha256().equals(after.sha256());
    if (after.size() != before.size() || !sameHash) {
      throw StorageException.of(Kind.INTEGRITY, "move", ctx.store(), source.value(),
          "the copy at '" + target + "' does not match the source (size " + after.size() + " vs " + before.size()
              + "); the source was kept");
    }
    deleter.delete(source);
    return after;
  }

  public void delete(BlobKey key) {
    checkOpen();
    deleter.delete(key);
  }

  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    checkOpen();
    return deleter.deleteMany(keys);
  }

  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    checkOpen();
    return deleter.deletePrefix(prefix, dryRun);
  }

  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    checkOpen();
    return presign.get(key, request);
  }

  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    checkOpen();
    return presign.put(key, request);
  }

  public Capabilities capabilities() {
    return Capabilities.builder()
        .ranges(true)
        .multipart(true)
        .presign(true)
        .serverSideCopy(true)
        .atomicMove(false)
        .atomicMetadata(true)
        .checksumSha256Header(config.sendChecksumSha256())
        .maxBatchDelete(config.maxBatchDelete())
        .multipartEqualParts(config.multipartEqualParts())
        .build();
  }

  private BlobInfo existing(BlobKey key, String operation) {
    BlobInfo info = reader.headOrNull(key);
    if (info == null) {
      throw StorageException.of(Kind.NOT_FOUND, operation, ctx.store(), key.value(), "no object at this key");
    }
    return info;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "use store", ctx.store(), null,
          "this store was closed; open a new one");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdownNow();
    client.close();
    S3Presigner p = presigner;
    if (p != null) {
      p.close();
    }
  }
}
