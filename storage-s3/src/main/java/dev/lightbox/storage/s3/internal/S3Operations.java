package dev.lightbox.storage.s3.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import dev.lightbox.storage.SweepResult;
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
  private final ObjectFetcher fetcher;
  private final S3List lister;
  private final S3Delete deleter;
  private final S3Presign presign;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RegionRedirects regions;
  private final java.util.List<S3Presigner> presigners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile S3Presigner presigner;
  private volatile String presignerRegion;

  public S3Operations(S3Config config) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.encryption().isCustomerKey()) {
      SecretSafeLogging.protectCustomerKey(config.describe());
    }
    this.regions = RegionRedirects.create(config.bucket(), config.region(), r -> S3Clients.client(config, r));
    this.client = regions.client();
    this.ctx = S3Context.of(regions, config);
    this.copier = new ServerSideCopy(ctx, executor);
    this.putter = new S3Put(ctx, executor, copier);
    ObjectFetcher viaSdk = new SdkObjectFetcher(ctx);
    this.fetcher = config.leanReads() && LeanObjectFetcher.supports(config)
        ? new LeanObjectFetcher(ctx, SocketLeanHttp.of(config), viaSdk) : viaSdk;
    this.reader = new S3Read(ctx, fetcher);
    this.lister = new S3List(ctx);
    this.deleter = new S3Delete(ctx, lister);
    this.presign = new S3Presign(ctx, this::presigner);
  }

  public S3Config config() {
    return config;
  }

  /** The settings, for the S3-specific operations beside {@link dev.lightbox.storage.BlobStore}. */
  public S3Context context() {
    return ctx;
  }

  /** The region requests go to now: the configured one, or the bucket's after a redirect. */
  public String region() {
    return regions.region();
  }

  /** Built on first use (a CLI that never presigns does not pay for it), again after a region switch. */
  private S3Presigner presigner() {
    String region = regions.region();
    S3Presigner p = presigner;
    if (p == null || !region.equals(presignerRegion)) {
      synchronized (this) {
        if (presigner == null || !region.equals(presignerRegion)) {
          presigner = S3Clients.presigner(config, region);
          presignerRegion = region;
          presigners.add(presigner);
        }
        p = presigner;
      }
    }
    return p;
  }

  /** Refuses a write before anything is sent when the store is read-only. */
  public void checkWritable(String operation, String key) {
    checkOpen();
    if (config.readOnly()) {
      throw StorageException.of(Kind.READ_ONLY, operation, ctx.store(), key, "this store is read-only (credentials: "
          + config.credentialsSource() + "); nothing was sent. Use credentials without read_only to write");
    }
  }

  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    checkWritable("put", key.value());
    return putter.put(key, in, length, options == null ? PutOptions.DEFAULTS : options);
  }

  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    checkWritable("put", key.value());
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
    checkWritable("copy", target.value());
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
    checkWritable("move", source.value());
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
    checkWritable("delete", key.value());
    deleter.delete(key);
  }

  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    checkWritable("deleteMany", null);
    return deleter.deleteMany(keys);
  }

  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    if (dryRun) {
      checkOpen();
    } else {
      checkWritable("deletePrefix", prefix);
    }
    return deleter.deletePrefix(prefix, dryRun);
  }

  public SweepResult sweepTemporary(Duration olderThan) {
    checkWritable("sweepTemporary", null);
    SweepResult.checkAge(olderThan, ctx.store());
    return new S3TempSweep(ctx).sweep(Instant.now().minus(olderThan));
  }

  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    checkOpen();
    return presign.get(key, request);
  }

  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    checkWritable("presignPut", key.value());
    return presign.put(key, request);
  }

  /** What this store can do: the S3 API as the provider's quirks limit it. */
  public Capabilities capabilities() {
    var q = config.quirks();
    return Capabilities.builder()
        .ranges(true)
        .multipart(true)
        .presign(true)
        .serverSideCopy(true)
        .atomicMove(false)
        .atomicMetadata(true)
        .conditionalWrites(q.conditionalWrites())
        .objectLock(q.objectLock())
        .tagging(q.tagging())
        .sseModes(q.sseModes())
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

  public void checkOpen() {
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
    fetcher.close();
    client.close();
    presigners.forEach(S3Presigner::close);
  }
}
