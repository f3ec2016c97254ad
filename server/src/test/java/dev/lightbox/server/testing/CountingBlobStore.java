package dev.lightbox.server.testing;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.ForwardingBlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store that counts the objects opened for reading (get and getRange) and the streams closed. */
public final class CountingBlobStore extends ForwardingBlobStore {
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();

  public CountingBlobStore(BlobStore delegate) {
    super(delegate);
  }

  public int opened() {
    return opened.get();
  }

  public int closed() {
    return closed.get();
  }

  @Override
  public BlobStream get(BlobKey key) {
    return counted(super.get(key));
  }

  @Override
  public BlobStream getRange(BlobKey key, ByteRange range) {
    return counted(super.getRange(key, range));
  }

  private BlobStream counted(BlobStream in) {
    opened.incrementAndGet();
    return new BlobStream(new FilterInputStream(in) {
      private boolean done;

      @Override
      public void close() throws IOException {
        if (!done) {
          done = true;
          closed.incrementAndGet();
        }
        super.close();
      }
    }, in.info(), in.range());
  }
}
