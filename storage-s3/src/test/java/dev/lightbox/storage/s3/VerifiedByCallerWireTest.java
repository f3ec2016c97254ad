package dev.lightbox.storage.s3;

import static dev.lightbox.storage.s3.WireRequests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.testkit.RecordedRequest;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.TestData;

/**
 * A put whose caller reads the object back and checks it (a migration) sends its body unsigned, so the
 * server does not hash it a second time; the put still refuses content that does not match the expected
 * SHA-256, and an ordinary put still signs its body's hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiedByCallerWireTest {
  private S3ProxyServer server;
  private RecordingProxy proxy;
  private S3BlobStore store;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    proxy = RecordingProxy.start(server.endpoint());
    store = S3BlobStore.open(S3Stores.config(server).endpoint(proxy.endpoint()).sendChecksumSha256(false)
        .partSize(S3Config.MIN_PART_SIZE).keyPrefix("v-" + UUID.randomUUID()).build());
  }

  @AfterAll
  void stop() {
    store.close();
    proxy.close();
    server.close();
  }

  @BeforeEach
  void clear() {
    proxy.clear();
  }

  @Test
  void aSinglePutVerifiedByItsCallerGoesUnsignedAndIsStoredWithItsHash() {
    byte[] data = TestData.bytes(40 * 1024, 1);
    String sha256 = TestData.sha256(data);
    store.put(BlobKey.of("a.bin"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().expectedSha256(sha256).verifiedByCaller(true).build());

    List<RecordedRequest> puts = ofKind(proxy.requests(), "PutObject");
    assertThat(puts).hasSize(1);
    assertThat(puts.getFirst().header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(store.head(BlobKey.of("a.bin")).sha256()).isEqualTo(sha256);
    assertThat(TestData.readAll(store.get(BlobKey.of("a.bin")))).isEqualTo(data);
  }

  @Test
  void anOrdinaryPutStillSignsItsBodysHash() {
    byte[] data = TestData.bytes(40 * 1024, 2);
    store.put(BlobKey.of("b.bin"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().expectedSha256(TestData.sha256(data)).build());

    assertThat(ofKind(proxy.requests(), "PutObject").getFirst().header("x-amz-content-sha256"))
        .isEqualTo(TestData.sha256(data));
  }

  @Test
  void contentThatDoesNotMatchTheExpectedHashIsStillRefusedAndNothingIsStored() {
    byte[] data = TestData.bytes(40 * 1024, 3);
    String wrong = TestData.sha256(TestData.bytes(40 * 1024, 4));
    assertThatThrownBy(() -> store.put(BlobKey.of("c.bin"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().expectedSha256(wrong).verifiedByCaller(true).build()))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INTEGRITY));
    assertThat(ofKind(proxy.requests(), "PutObject")).isEmpty();
    assertThat(store.exists(BlobKey.of("c.bin"))).isFalse();
  }

  @Test
  void aMultipartPutVerifiedByItsCallerSendsItsPartsUnsigned() {
    byte[] data = TestData.bytes(12 * 1024 * 1024, 5);
    String sha256 = TestData.sha256(data);
    store.put(BlobKey.of("d.bin"), new ByteArrayInputStream(data), data.length,
        PutOptions.builder().expectedSha256(sha256).verifiedByCaller(true).build());

    List<RecordedRequest> parts = ofKind(proxy.requests(), "UploadPart");
    assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD"));
    assertThat(store.head(BlobKey.of("d.bin")).sha256()).isEqualTo(sha256);
    assertThat(TestData.readAll(store.get(BlobKey.of("d.bin")))).isEqualTo(data);
  }
}
