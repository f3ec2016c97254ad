package dev.lightbox.storage.s3;

import static dev.lightbox.storage.s3.WireRequests.ofKind;
import static dev.lightbox.storage.s3.WireRequests.signingRegion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.testkit.RecordedRequest;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.RecordingProxy.Reply;
import dev.lightbox.storage.testkit.S3ProxyServer;

/** Lean object reads on the wire: what they send, how they retry, follow a region redirect and fail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeanReadsWireTest {
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private S3ProxyServer server;
  private RecordingProxy proxy;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    proxy = RecordingProxy.start(server.endpoint());
  }

  @AfterAll
  void stop() {
    proxy.close();
    server.close();
  }

  @BeforeEach
  void clear() {
    proxy.clear();
    proxy.respondWith(null);
  }

  private S3BlobStore open(java.util.function.UnaryOperator<S3Config.Builder> tweak) {
    return S3BlobStore.open(tweak.apply(S3Stores.config(server).endpoint(proxy.endpoint()).leanReads(true)
        .keyPrefix("lean-" + UUID.randomUUID())).build());
  }

  private static byte[] read(BlobStream s) throws Exception {
    try (s) {
      return s.readAllBytes();
    }
  }

  @Test
  void getsAndHeadsAreSignedWithTheEmptyPayloadHashAndDecodeEveryHeader() throws Exception {
    try (S3BlobStore store = open(b -> b)) {
      BlobKey key = BlobKey.of("dir/caf\u00e9 + 1%.bin");
      store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), 4,
          PutOptions.builder().contentType("image/webp").cacheControl("max-age=60").metadata("title", "\u6771\u4eac")
              .build());
      proxy.clear();
      for (int i = 0; i < 3; i++) {
        try (BlobStream in = store.get(key)) {
          assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4);
          assertThat(in.info().contentType()).isEqualTo("image/webp");
          assertThat(in.info().cacheControl()).isEqualTo("max-age=60");
          assertThat(in.info().userMetadata()).containsEntry("title", "\u6771\u4eac");
          assertThat(in.info().sha256()).isNotNull();
          assertThat(in.info().lastModified()).isNotNull();
          assertThat(in.info().etag()).isNotBlank().doesNotContain("\"");
        }
      }
      assertThat(read(store.getRange(key, ByteRange.of(1, 2)))).containsExactly(2, 3);
      assertThat(store.head(key).size()).isEqualTo(4);
      List<RecordedRequest> reads = proxy.requests();
      assertThat(reads).hasSize(5).allSatisfy(r -> {
        assertThat(r.header("x-amz-content-sha256")).isEqualTo(EMPTY_SHA256);
        assertThat(r.header("authorization")).startsWith("AWS4-HMAC-SHA256 ");
        assertThat(r.status()).isIn(200, 206);
      });
      assertThat(ofKind(reads, "GetObject")).hasSize(4);
    }
  }

  @Test
  void aServerErrorIsRetriedAndThenSucceeds() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    try (S3BlobStore store = open(b -> b.maxAttempts(3))) {
      BlobKey key = BlobKey.of("flaky.bin");
      store.put(key, new ByteArrayInputStream(new byte[] {9}), 1, PutOptions.DEFAULTS);
      proxy.clear();
      proxy.respondWith(r -> r.method().equals("GET") && failures.getAndIncrement() < 2
          ? Reply.s3Error(503, "SlowDown", "Please reduce your request rate.", Map.of()) : null);
      assertThat(read(store.get(key))).containsExactly(9);
      assertThat(ofKind(proxy.requests(), "GetObject")).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
    }
  }

  @Test
  void errorsMapToTheSameKindsAsTheSdkPath() {
    try (S3BlobStore store = open(b -> b.maxAttempts(2))) {
      proxy.respondWith(r -> r.method().equals("GET") ? Reply.s3Error(500, "InternalError", "boom", Map.of()) : null);
      assertThatThrownBy(() -> store.get(BlobKey.of("x"))).isInstanceOfSatisfying(StorageException.class, e -> {
        assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("InternalError").contains("HTTP 500").contains("'x'");
      });
      assertThat(ofKind(proxy.requests(), "GetObject")).hasSize(2);

      proxy.respondWith(null);
      assertThatThrownBy(() -> store.get(BlobKey.of("missing"))).isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
      assertThatThrownBy(() -> store.getRange(BlobKey.of("missing"), ByteRange.of(0, 1)))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
      assertThat(store.headOrNull(BlobKey.of("missing"))).isNull();
    }
    try (S3BlobStore wrong = open(b -> b.credentials(server.info().accessKey(), "wrong-secret-123"))) {
      assertThatThrownBy(() -> wrong.get(BlobKey.of("k"))).isInstanceOfSatisfying(StorageException.class, e -> {
        assertThat(e.kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED);
        assertThat(e.getMessage()).doesNotContain("wrong-secret-123");
      });
    }
  }

  @Test
  void aRedirectOnAGetMovesTheStoreToTheBucketsRegion() throws Exception {
    BlobKey key = BlobKey.of("moved.txt");
    String prefix = "lean-moved-" + UUID.randomUUID();
    try (S3BlobStore writer = open(b -> b.keyPrefix(prefix).region("eu-central-1"))) {
      writer.put(key, new ByteArrayInputStream(new byte[] {7}), 1, PutOptions.DEFAULTS);
    }
    proxy.clear();
    proxy.respondWith(r -> "eu-central-1".equals(signingRegion(r)) ? null
        : Reply.s3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed "
            + "using the specified endpoint.", Map.of("x-amz-bucket-region", "eu-central-1")));
    try (S3BlobStore store = open(b -> b.keyPrefix(prefix).region("us-west-2"))) {
      assertThat(read(store.get(key))).containsExactly(7);
      assertThat(store.region()).isEqualTo("eu-central-1");
      List<RecordedRequest> requests = proxy.requests();
      assertThat(requests).extracting(RecordedRequest::status).containsExactly(301, 200);
      assertThat(store.head(key).size()).isEqualTo(1);
    }
  }
}
