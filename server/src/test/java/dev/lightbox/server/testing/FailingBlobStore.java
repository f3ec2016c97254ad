package dev.lightbox.server.testing;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.ForwardingBlobStore;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that fails its N-th put from now on (after writing nothing), to inject storage failures. */
public final class FailingBlobStore extends ForwardingBlobStore {
  private final AtomicInteger puts = new AtomicInteger();
  private volatile int failOnPut = -1;

  public FailingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  /** Makes the {@code n}-th put from now (1-based) fail. */
  public void failPut(int n) {
    puts.set(0);
    failOnPut = n;
  }

  private void maybeFail(BlobKey key) {
    if (puts.incrementAndGet() == failOnPut) {
      throw StorageException.of(StorageException.Kind.UNAVAILABLE, "put", delegate().describe(), key.value(),
          "injected failure");
    }
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    maybeFail(key);
    return super.put(key, in, length, options);
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    maybeFail(key);
    return super.put(key, file, options);
  }
}
