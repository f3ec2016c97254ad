package dev.lightbox.server.migration;

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
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Consumer;

/** A real store with a hook that runs just after each put, to make something happen at that moment. */
final class HookedStore implements BlobStore {
  private final BlobStore delegate;
  private volatile Consumer<BlobKey> afterPut = k -> { };

  HookedStore(BlobStore delegate) {
    this.delegate = delegate;
  }

  void afterPut(Consumer<BlobKey> hook) {
    afterPut = hook;
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    BlobInfo info = delegate.put(key, in, length, options);
    afterPut.accept(key);
    return info;
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    BlobInfo info = delegate.put(key, file, options);
    afterPut.accept(key);
    return info;
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
  public ListPage list(ListRequest request) {
    return delegate.list(request);
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
  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    return delegate.presignGet(key, request);
  }

  @Override
  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    return delegate.presignPut(key, request);
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
}
