package dev.lightbox.storage.testkit.contract;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.PutOptions;

/** What one behaviour test works with: the store and a key prefix of its own. */
public record ContractContext(BlobStore store, String base) {

  public BlobKey key(String name) {
    return BlobKey.of(base + name);
  }

  /** Puts a one-byte object under each name, 16 at a time. */
  public void putAll(List<String> names) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> futures = new ArrayList<>();
      for (String name : names) {
        futures.add(pool.submit(() -> store.put(key(name), new ByteArrayInputStream(new byte[] {1}), 1,
            PutOptions.DEFAULTS)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
  }
}
