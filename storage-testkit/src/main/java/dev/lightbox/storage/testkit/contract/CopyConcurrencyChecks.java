package dev.lightbox.storage.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.testkit.TestData;

/** Copy and move keep content and metadata; concurrent writers never tear an object. */
final class CopyConcurrencyChecks {
  private final ContractContext context;
  private final BlobStore store;

  private CopyConcurrencyChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
  }

  static void register(ContractRegistry registry) {
    registry.group("copy, move and concurrency", CopyConcurrencyChecks::new)
        .check("copyKeepsContentTypeMetadataAndHash", CopyConcurrencyChecks::copyKeepsContentTypeMetadataAndHash)
        .check("moveVerifiesThenRemovesTheSource", CopyConcurrencyChecks::moveVerifiesThenRemovesTheSource)
        .check("concurrentPutsToOneKeyLeaveOneWholeObject",
            CopyConcurrencyChecks::concurrentPutsToOneKeyLeaveOneWholeObject);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }


  void copyKeepsContentTypeMetadataAndHash() {
    byte[] data = TestData.bytes(70_000, 21);
    BlobInfo original = store.put(key("src.jpg"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().contentType("image/jpeg").metadata("prompt", "a red fox, 狐").build());

    BlobInfo copy = store.copy(key("src.jpg"), key("copy/dst.jpg"));
    assertThat(copy.sha256()).isEqualTo(original.sha256());
    assertThat(copy.contentType()).isEqualTo("image/jpeg");
    assertThat(store.head(key("copy/dst.jpg")).userMetadata()).containsEntry("prompt", "a red fox, 狐");
    assertThat(TestData.readAll(store.get(key("copy/dst.jpg")))).isEqualTo(data);
    assertThat(store.exists(key("src.jpg"))).isTrue();
  }

  void moveVerifiesThenRemovesTheSource() {
    byte[] data = TestData.bytes(9_000, 22);
    BlobInfo original = store.put(key("m/src"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().contentType("text/plain").metadata("k", "v").build());

    BlobInfo moved = store.move(key("m/src"), key("m2/dst"));
    assertThat(moved.sha256()).isEqualTo(original.sha256());
    assertThat(moved.userMetadata()).containsEntry("k", "v");
    assertThat(store.exists(key("m/src"))).isFalse();
    assertThat(TestData.readAll(store.get(key("m2/dst")))).isEqualTo(data);
    assertThatThrownBy(() -> store.move(key("m/src"), key("m3/dst")))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  void concurrentPutsToOneKeyLeaveOneWholeObject() throws Exception {
    int writers = 8;
    int size = 2 * TestData.MIB + 17;
    List<byte[]> contents = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < writers; i++) {
      byte[] data = TestData.bytes(size, 100 + i);
      contents.add(data);
      hashes.add(TestData.sha256(data));
    }
    BlobKey key = key("contended");
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<BlobInfo>> futures = new ArrayList<>();
      for (byte[] data : contents) {
        futures.add(pool.submit(() -> {
          start.await();
          return store.put(key, new ByteArrayInputStream(data), data.length, PutOptions.DEFAULTS);
        }));
      }
      start.countDown();
      for (Future<BlobInfo> f : futures) {
        assertThat(hashes).contains(f.get().sha256());
      }
    }
    byte[] stored = TestData.readAll(store.get(key));
    assertThat(stored).hasSize(size);
    assertThat(hashes).contains(TestData.sha256(stored));
    assertThat(store.head(key).sha256()).isEqualTo(TestData.sha256(stored));
  }
}
