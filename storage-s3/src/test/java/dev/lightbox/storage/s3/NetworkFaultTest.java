package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.CountingProgress;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.testkit.FaultyTcpProxy;
import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.TestData;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The network fails in the middle of a multipart upload: the put either succeeds after retries or fails
 * with a retryable error, and either way no incomplete multipart upload and no partial object remain.
 * A prefix delete during an outage reports how far it got instead of throwing, and a rerun finishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkFaultTest {
  private static final int SIZE = 23 * TestData.MIB + 5;
  private S3ProxyServer server;
  private FaultyTcpProxy proxy;
  private S3Client direct;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    proxy = FaultyTcpProxy.to(server.endpoint());
    direct = S3Clients.client(S3Stores.config(server).build());
  }

  @AfterAll
  void stop() {
    direct.close();
    proxy.close();
    server.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void healed() {
    proxy.heal(); // the previous test's outage may still be refusing connections
  }

  private S3BlobStore storeThroughProxy(String prefix, int maxAttempts) {
    return S3Stores.open(server, b -> b.endpoint(proxy.endpoint(server.endpoint())).keyPrefix(prefix)
        .maxAttempts(maxAttempts));
  }

  @Test
  void aShortCutIsRetriedAndThePutSucceeds() throws Exception {
    byte[] data = TestData.bytes(SIZE, 1);
    CountingProgress progress = new CountingProgress();
    try (S3BlobStore store = storeThroughProxy("retried", 5)) {
      int cutsBefore = proxy.cuts();
      proxy.cutAfter(8L * TestData.MIB, Duration.ZERO);
      BlobInfo info = store.put(BlobKey.of("big.bin"), new ByteArrayInputStream(data), data.length,
          PutOptions.builder().progress(progress).build());

      assertThat(proxy.cuts()).isEqualTo(cutsBefore + 1);
      assertThat(info.sha256()).isEqualTo(TestData.sha256(data));
      assertThat(progress.bytes()).isEqualTo(SIZE);
      assertThat(progress.retriedBytes()).isPositive();
      try (BlobStream in = store.get(BlobKey.of("big.bin"))) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
    assertNoUploadsLeft();
    assertThat(objectKeys("retried/")).containsExactly("retried/big.bin");
  }

  @Test
  void anOutageLongerThanTheRetriesFailsRetryablyAndLeavesNothing() {
    byte[] data = TestData.bytes(SIZE, 2);
    try (S3BlobStore store = storeThroughProxy("failed", 2)) {
      int cutsBefore = proxy.cuts();
      proxy.cutAfter(8L * TestData.MIB, Duration.ofMillis(1500));
      assertThatThrownBy(() -> store.put(BlobKey.of("big.bin"), new ByteArrayInputStream(data), data.length,
          PutOptions.DEFAULTS))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
            assertThat(e.getMessage()).contains("big.bin").contains("s3://");
            assertThat(e.getMessage()).doesNotContain(server.info().secretKey());
          });
      assertThat(proxy.cuts()).isEqualTo(cutsBefore + 1);
    }
    assertNoUploadsLeft();
    assertThat(objectKeys("failed/")).isEmpty();
  }

  @Test
  void deletePrefixDuringAnOutageReportsAndARerunFinishes() throws Exception {
    try (S3BlobStore store = storeThroughProxy("outage", 1)) {
      for (int i = 0; i < 5; i++) {
        store.put(BlobKey.of("d/k" + i), new ByteArrayInputStream(new byte[] {(byte) i}), 1, PutOptions.DEFAULTS);
      }
      proxy.outage(Duration.ofMillis(800));
      var failed = store.deletePrefix("d/", false);
      assertThat(failed.complete()).isFalse();
      assertThat(failed.failures()).first().satisfies(f -> assertThat(f.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE));
      Thread.sleep(900);
      var done = store.deletePrefix("d/", false);
      assertThat(done.complete()).isTrue();
      assertThat(done.deleted()).isEqualTo(5);
    }
    assertThat(objectKeys("outage/")).isEmpty();
  }

  private void assertNoUploadsLeft() {
    assertThat(direct.listMultipartUploads(b -> b.bucket(server.bucket())).uploads()).isEmpty();
  }

  private List<String> objectKeys(String prefix) {
    return direct.listObjectsV2(b -> b.bucket(server.bucket()).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }
}
