package dev.lightbox.storage.s3;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
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
import dev.lightbox.storage.SweepResult;
import dev.lightbox.storage.s3.internal.BucketCors;
import dev.lightbox.storage.s3.internal.BucketLifecycle;
import dev.lightbox.storage.s3.internal.ObjectLocks;
import dev.lightbox.storage.s3.internal.S3Operations;

/**
 * A {@link BlobStore} over one bucket (and optional key prefix) of AWS S3 or any S3-compatible store.
 * Open it with {@link #open(S3Config)}; it is thread-safe, blocking, and meant for virtual threads.
 *
 * <pre>{@code
 * S3Config config = S3Config.builder()
 *     .endpoint("http://127.0.0.1:9000").region("us-east-1").bucket("photos")
 *     .credentials(accessKey, secretKey).build();
 * try (BlobStore store = S3BlobStore.open(config)) {
 *   store.put(BlobKey.of("a.jpg"), Path.of("a.jpg"), PutOptions.DEFAULTS);
 * }
 * }</pre>
 */
public final class S3BlobStore implements BlobStore {
  private final S3Operations ops;

  private S3BlobStore(S3Config config) {
    this.ops = new S3Operations(config);
  }

  public static S3BlobStore open(S3Config config) {
    return new S3BlobStore(config);
  }

  public S3Config config() {
    return ops.config();
  }

  /** The provider this store was configured for. */
  public ProviderPreset preset() {
    return ops.config().preset();
  }

  /** What the provider does differently; this store obeys these flags. */
  public ProviderQuirks quirks() {
    return ops.config().quirks();
  }

  /** The region requests go to: the configured one, or the bucket's own after the store redirected us. */
  public String region() {
    return ops.region();
  }

  /** Switches the legal hold of an object on or off (Object Lock must be enabled on the bucket). */
  public void setLegalHold(BlobKey key, boolean on) {
    ops.checkWritable("setLegalHold", key.value());
    new ObjectLocks(ops.context()).setLegalHold(key, on);
  }

  /**
   * Adds the opt-in lifecycle defaults to the bucket, for this store's prefix, merged with the bucket's own
   * rules (never rewriting them). Never throws for what the store refuses: the result says.
   */
  public LifecycleResult applyLifecycleDefaults(LifecycleDefaults defaults) {
    ops.checkWritable("applyLifecycleDefaults", null);
    return new BucketLifecycle(ops.context()).apply(defaults);
  }

  /**
   * Writes the CORS rule browsers need for redirect serving, keeping the bucket's other CORS rules, and
   * reads it back. Never throws for what the store refuses: the result says.
   */
  public CorsResult applyCors(CorsPolicy policy) {
    ops.checkWritable("applyCors", null);
    return new BucketCors(ops.context()).apply(policy);
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    return ops.put(key, in, length, options);
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    return ops.put(key, file, options);
  }

  @Override
  public BlobStream get(BlobKey key) {
    return ops.get(key);
  }

  @Override
  public BlobStream getRange(BlobKey key, ByteRange range) {
    return ops.getRange(key, range);
  }

  @Override
  public BlobInfo head(BlobKey key) {
    return ops.head(key);
  }

  @Override
  public BlobInfo headOrNull(BlobKey key) {
    return ops.headOrNull(key);
  }

  @Override
  public ListPage list(ListRequest request) {
    return ops.list(request);
  }

  @Override
  public BlobInfo copy(BlobKey source, BlobKey target) {
    return ops.copy(source, target);
  }

  @Override
  public BlobInfo move(BlobKey source, BlobKey target) {
    return ops.move(source, target);
  }

  @Override
  public void delete(BlobKey key) {
    ops.delete(key);
  }

  @Override
  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    return ops.deleteMany(keys);
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    return ops.deletePrefix(prefix, dryRun);
  }

  @Override
  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    return ops.presignGet(key, request);
  }

  @Override
  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    return ops.presignPut(key, request);
  }

  /**
   * Deletes old temporary objects of interrupted puts (and of an interrupted {@code lightbox doctor}) and
   * aborts incomplete multipart uploads under the store's prefix that received no part for {@code olderThan}.
   * Complements the lifecycle rule of {@link #applyLifecycleDefaults(LifecycleDefaults)}, which aborts
   * uploads only, after days, and only where the provider supports lifecycle rules.
   */
  @Override
  public SweepResult sweepTemporary(Duration olderThan) {
    return ops.sweepTemporary(olderThan);
  }

  @Override
  public Capabilities capabilities() {
    return ops.capabilities();
  }

  @Override
  public String describe() {
    return ops.config().describe();
  }

  @Override
  public void close() {
    ops.close();
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + describe() + "]";
  }
}
