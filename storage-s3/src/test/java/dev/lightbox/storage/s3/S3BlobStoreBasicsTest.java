package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.testkit.S3TestServer;

/** S3-specific checks beyond the contract (copies, part boundaries); subclasses pick the server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class S3BlobStoreBasicsTest {
  private S3TestServer server;
  private S3BlobStore store;

  protected abstract S3TestServer startServer();

  /** False for a server shared by the whole test JVM. */
  protected boolean ownsServer() {
    return true;
  }

  @BeforeAll
  void startServerOnce() {
    server = startServer();
  }

  @AfterAll
  void stopServer() {
    if (ownsServer()) {
      server.close();
    }
  }

  @BeforeEach
  void openStore() {
    store = S3Stores.open(server, b -> b.keyPrefix("t-" + UUID.randomUUID()));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Exactly one part size of unknown length takes the multipart path with a single part. */
  @ParameterizedTest
  @ValueSource(ints = {5 * 1024 * 1024})
  void roundTripsUnknownLength(int size) throws Exception {
    byte[] data = random(size, 7);
    BlobKey key = BlobKey.of("unknown-" + size);
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 100_000));
      }
    };
    BlobInfo put = store.put(key, trickle, -1, PutOptions.DEFAULTS);
    assertThat(put.sha256()).isEqualTo(Sha256.hex(data));
    try (BlobStream in = store.get(key)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(store.head(key).sha256()).isEqualTo(put.sha256());
  }

  @Test
  void listsWithPagesAndDelimiter() {
    List<BlobKey> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      BlobKey key = BlobKey.of((i % 2 == 0 ? "even/" : "odd/") + "k" + i);
      store.put(key, new ByteArrayInputStream(new byte[] {(byte) i}), 1, PutOptions.DEFAULTS);
      keys.add(key);
    }
    ListPage page = store.list(ListRequest.of("").withPageSize(10));
    assertThat(page.objects()).hasSize(10);
    assertThat(page.hasMore()).isTrue();
    assertThat(store.listAll("").count()).isEqualTo(25);
    ListPage top = store.list(ListRequest.of("").withDelimiter("/"));
    assertThat(top.commonPrefixes()).containsExactly("even/", "odd/");
    assertThat(top.objects()).isEmpty();
    var dry = store.deletePrefix("even/");
    assertThat(dry.matched()).isEqualTo(13);
    assertThat(dry.deleted()).isZero();
    var real = store.deletePrefix("even/", false);
    assertThat(real.deleted()).isEqualTo(13);
    assertThat(real.complete()).isTrue();
    assertThat(store.listAll("").count()).isEqualTo(12);
    var many = store.deleteMany(keys);
    assertThat(many.allDeleted()).isTrue();
    assertThat(store.listAll("").count()).isZero();
  }

  @Test
  void copyAndMoveKeepMetadataAndHash() throws Exception {
    byte[] data = random(6 * 1024 * 1024, 9);
    BlobKey a = BlobKey.of("a.bin");
    BlobInfo put = store.put(a, new ByteArrayInputStream(data), data.length,
        PutOptions.builder().contentType("video/mp4").metadata("k", "v").build());
    BlobInfo copied = store.copy(a, BlobKey.of("b.bin"));
    assertThat(copied.sha256()).isEqualTo(put.sha256());
    assertThat(store.head(BlobKey.of("b.bin")).userMetadata()).containsEntry("k", "v");
    BlobInfo moved = store.move(BlobKey.of("b.bin"), BlobKey.of("c.bin"));
    assertThat(moved.sha256()).isEqualTo(put.sha256());
    assertThat(moved.contentType()).isEqualTo("video/mp4");
    assertThat(store.exists(BlobKey.of("b.bin"))).isFalse();
  }

  @Test
  void multipartCopyAboveTheThreshold() throws Exception {
    try (S3BlobStore small = S3Stores.open(server, b -> b.keyPrefix("mc-" + UUID.randomUUID())
        .multipartCopyThreshold(S3Config.MIN_PART_SIZE))) {
      byte[] data = random(11 * 1024 * 1024, 11);
      BlobInfo put = small.put(BlobKey.of("big"), new ByteArrayInputStream(data), data.length,
          PutOptions.builder().contentType("application/x-test").metadata("who", "Ångström").build());
      assertThat(put.sha256()).isEqualTo(Sha256.hex(data));
      BlobInfo head = small.head(BlobKey.of("big"));
      assertThat(head.sha256()).isEqualTo(put.sha256());
      assertThat(head.userMetadata()).containsEntry("who", "Ångström");
      small.copy(BlobKey.of("big"), BlobKey.of("big2"));
      try (BlobStream in = small.get(BlobKey.of("big2"))) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      assertThat(small.head(BlobKey.of("big2")).contentType()).isEqualTo("application/x-test");
    }
  }
}
