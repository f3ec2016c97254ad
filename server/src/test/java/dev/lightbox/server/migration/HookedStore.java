package dev.lightbox.server.migration;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.ForwardingBlobStore;
import dev.lightbox.storage.PutOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A real store with a hook that runs just after each put, to make something happen at that moment. */
final class HookedStore extends ForwardingBlobStore {
  private volatile Consumer<BlobKey> afterPut = k -> { };

  HookedStore(BlobStore delegate) {
    super(delegate);
  }

  void afterPut(Consumer<BlobKey> hook) {
    afterPut = hook;
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    BlobInfo info = super.put(key, in, length, options);
    afterPut.accept(key);
    return info;
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    BlobInfo info = super.put(key, file, options);
    afterPut.accept(key);
    return info;
  }
}
