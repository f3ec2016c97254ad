package dev.lightbox.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} that hands every call to another store. Extend it to change one or two operations
 * (inject a failure, run a hook after a put, count calls) and inherit plain forwarding for the rest, so a
 * decorator never has to repeat the whole interface and never silently misses a method added later.
 * Default methods are forwarded too, so the delegate's own implementation of them is used.
 */
public abstract class ForwardingBlobStore implements BlobStore {
  private final BlobStore delegate;

  protected ForwardingBlobStore(BlobStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store every call goes to. */
  protected BlobStore delegate() {
    return delegate;
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    return delegate.put(key, in, length, options);
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    return delegate.put(key, file, options);
  }

  @Override
  public BlobStream get(BlobKey key) {
    return delegate.get(key);
  }

  @Override
  public BlobStream getRange(BlobKey key, ByteRange range) {
    return delegate.getRange(key, range);
  }

  @Override
  public BlobInfo head(BlobKey key) {
    return delegate.head(key);
  }

  @Override
  public BlobInfo headOrNull(BlobKey key) {
    return delegate.headOrNull(key);
  }

  @Override
  public boolean exists(BlobKey key) {
    return delegate.exists(key);
  }

  @Override
  public ListPage list(ListRequest request) {
    return delegate.list(request);
  }

  @Override
  public Stream<BlobInfo> listAll(String prefix) {
    return delegate.listAll(prefix);
  }

  @Override
  public BlobInfo copy(BlobKey source, BlobKey target) {
    return delegate.copy(source, target);
  }

  @Override
  public BlobInfo move(BlobKey source, BlobKey target) {
    return delegate.move(source, target);
  }

  @Override
  public void delete(BlobKey key) {
    delegate.delete(key);
  }

  @Override
  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    return delegate.deleteMany(keys);
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    return delegate.deletePrefix(prefix, dryRun);
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix) {
    return delegate.deletePrefix(prefix);
  }

  @Override
  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    return delegate.presignGet(key, request);
  }

  @Override
  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    return delegate.presignPut(key, request);
  }

  @Override
  public SweepResult sweepTemporary(Duration olderThan) {
    return delegate.sweepTemporary(olderThan);
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
