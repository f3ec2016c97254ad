package dev.lightbox.storage.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Where the in-memory store is strict: leaks, use after close, and what a disk store cannot hold. */
class InMemoryBlobStoreTest {
  private static InMemoryBlobStore storeWith(String... keys) {
    InMemoryBlobStore store = new InMemoryBlobStore("strict", Duration.ZERO);
    for (String key : keys) {
      store.put(BlobKey.of(key), new ByteArrayInputStream(new byte[] {7, 8, 9}), 3, PutOptions.DEFAULTS);
    }
    return store;
  }

  @Test
  void closingTheStoreWithAnOpenStreamNamesEveryLeakedKeyAndWhereItWasOpened() throws IOException {
    InMemoryBlobStore store = storeWith("a.jpg", "b/c.png");
    BlobStream whole = store.get(BlobKey.of("a.jpg"));
    BlobStream range = store.getRange(BlobKey.of("b/c.png"), ByteRange.of(1, 1));
    assertThat(store.openStreamCount()).isEqualTo(2);

    assertThatThrownBy(store::assertNoOpenStreams).isInstanceOf(LeakedStreamError.class);
    assertThatThrownBy(store::close)
        .isInstanceOf(LeakedStreamError.class)
        .hasMessageContaining("2 BlobStreams from memory:strict never closed (keys ")
        .hasMessageContaining("'a.jpg'").hasMessageContaining("'b/c.png'")
        .hasMessageContaining("get 'a.jpg' opened at")
        .hasMessageContaining("getRange 'b/c.png' opened at")
        .hasMessageContaining(getClass().getName() + ".closingTheStoreWithAnOpenStreamNamesEveryLeakedKey");
    store.close(); // idempotent: the leak is reported once
    whole.close();
    range.close();
  }

  @Test
  void closedStreamsAreForgottenAndCannotBeReadAgain() throws IOException {
    InMemoryBlobStore store = storeWith("a");
    BlobStream stream = store.get(BlobKey.of("a"));
    stream.close();
    assertThat(store.openStreamCount()).isZero();
    assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageContaining("after it was closed");
    store.close();
  }

  @Test
  void aClosedStoreRefusesEveryCall() {
    InMemoryBlobStore store = storeWith("a");
    store.close();
    assertThatThrownBy(() -> store.head(BlobKey.of("a")))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("memory:strict").contains("closed");
        });
  }

  @Test
  void keysADiskStoreCannotHoldAreRefusedAsOnDisk() {
    InMemoryBlobStore store = storeWith("photos/a.jpg");
    assertThatThrownBy(() -> store.put(BlobKey.of("x/.lightbox-tmp-1"), new ByteArrayInputStream(new byte[0]), 0,
        PutOptions.DEFAULTS))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_KEY));
    assertThatThrownBy(() -> store.put(BlobKey.of("photos"), new ByteArrayInputStream(new byte[0]), 0,
        PutOptions.DEFAULTS))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.getMessage()).contains("'photos/a.jpg'"));
    assertThatThrownBy(() -> store.put(BlobKey.of("photos/a.jpg/thumb"), new ByteArrayInputStream(new byte[0]), 0,
        PutOptions.DEFAULTS))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    assertThatThrownBy(() -> store.move(BlobKey.of("photos/a.jpg"), BlobKey.of("photos/a.jpg/moved")))
        .isInstanceOf(StorageException.class);
    assertThat(store.exists(BlobKey.of("photos/a.jpg"))).isTrue();
    store.close();
  }

  @Test
  void presignIsUnsupportedAsOnDisk() {
    InMemoryBlobStore store = storeWith();
    assertThat(store.capabilities().presign()).isFalse();
    assertThatThrownBy(() -> store.presignGet(BlobKey.of("a"),
        dev.lightbox.storage.PresignRequest.expiringIn(Duration.ofMinutes(1))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
    store.close();
  }
}
