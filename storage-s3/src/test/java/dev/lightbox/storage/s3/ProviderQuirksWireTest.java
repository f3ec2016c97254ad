package dev.lightbox.storage.s3;

import static dev.lightbox.storage.s3.WireRequests.ofKind;
import static dev.lightbox.storage.s3.WireRequests.signingRegion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.ObjectLock;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.testkit.RecordedRequest;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.RecordingProxy.Reply;
import dev.lightbox.storage.testkit.S3ProxyServer;

/** The preset quirk flags change the requests sent, shown on the wire in front of S3Proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderQuirksWireTest {
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

  private S3BlobStore open(ProviderPreset preset, java.util.function.UnaryOperator<S3Config.Builder> tweak) {
    return S3BlobStore.open(tweak.apply(S3Stores.config(server).preset(preset).region(null).endpoint(proxy.endpoint())
        .sendChecksumSha256(false).keyPrefix("q-" + UUID.randomUUID())).build());
  }

  private static List<BlobKey> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> BlobKey.of("k/" + i)).toList();
  }

  @Test
  void aLargePutWithAKnownHashGoesStraightToItsKeyWithTheHashInMetadataAndNoCopy() {
    byte[] data = dev.lightbox.storage.testkit.TestData.bytes(12 * 1024 * 1024, 9);
    String sha256 = dev.lightbox.storage.testkit.TestData.sha256(data);
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b.partSize(S3Config.MIN_PART_SIZE))) {
      store.put(BlobKey.of("known.bin"), new ByteArrayInputStream(data), data.length,
          PutOptions.builder().expectedSha256(sha256).build());
      List<RecordedRequest> create = ofKind(proxy.requests(), "CreateMultipartUpload");
      assertThat(create).hasSize(1);
      assertThat(create.getFirst().path()).endsWith("/known.bin");
      assertThat(create.getFirst().header("x-amz-meta-lightbox-sha256")).isEqualTo(sha256);
      assertThat(ofKind(proxy.requests(), "CopyObject")).isEmpty();
      assertThat(ofKind(proxy.requests(), "UploadPart")).hasSize(3);

      proxy.clear();
      assertThatThrownBy(() -> store.put(BlobKey.of("other.bin"), new ByteArrayInputStream(new byte[data.length]),
          data.length, PutOptions.builder().expectedSha256(sha256).build())).isInstanceOf(StorageException.class);
      assertThat(ofKind(proxy.requests(), "CreateMultipartUpload").getFirst().path()).endsWith("/other.bin");
      assertThat(ofKind(proxy.requests(), "AbortMultipartUpload")).hasSize(1);
      assertThat(ofKind(proxy.requests(), "CompleteMultipartUpload")).isEmpty();
      assertThat(store.exists(BlobKey.of("other.bin"))).isFalse();

      proxy.clear(); // a key that holds an object goes the safe way: temporary key, then copy
      store.put(BlobKey.of("known.bin"), new ByteArrayInputStream(data), data.length,
          PutOptions.builder().expectedSha256(sha256).build());
      assertThat(ofKind(proxy.requests(), "CreateMultipartUpload").getFirst().path()).doesNotEndWith("/known.bin");
      assertThat(ofKind(proxy.requests(), "CopyObject")).hasSize(1);
    }
  }

  @Test
  void r2SendsA1500KeyDeleteAsBatchesOfAtMost700EachWithContentMd5() {
    try (S3BlobStore store = open(ProviderPreset.R2, b -> b)) {
      assertThat(store.region()).isEqualTo("auto");
      DeleteManyResult result = store.deleteMany(keys(1500));
      assertThat(result.deleted()).hasSize(1500);
      List<RecordedRequest> batches = ofKind(proxy.requests(), "DeleteObjects");
      assertThat(batches).hasSize(3);
      assertThat(batches).extracting(r -> Pattern.compile("<Key>").matcher(r.bodyText()).results().count())
          .containsExactly(700L, 700L, 100L);
      assertThat(batches).allSatisfy(r -> assertThat(r.header("content-md5")).isNotBlank());
      assertThat(batches).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }
  }

  @Test
  void awsSendsThemAsOneBatchOf1000AndGcsWithoutDeleteObjectsOneByOne() {
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b)) {
      store.deleteMany(keys(1500));
      assertThat(ofKind(proxy.requests(), "DeleteObjects")).hasSize(2);
    }
    proxy.clear();
    try (S3BlobStore store = open(ProviderPreset.GCS, b -> b)) {
      assertThat(store.deleteMany(keys(3)).deleted()).hasSize(3);
      assertThat(ofKind(proxy.requests(), "DeleteObjects")).isEmpty();
      assertThat(ofKind(proxy.requests(), "DeleteObject")).hasSize(3);
    }
  }

  @Test
  void aRedirectToTheBucketsRegionSwitchesRegionAndRetriesOnce() throws Exception {
    proxy.respondWith(r -> "eu-central-1".equals(signingRegion(r)) ? null
        : Reply.s3Error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using "
            + "the specified endpoint.", Map.of("x-amz-bucket-region", "eu-central-1")));
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b.region("us-west-2"))) {
      BlobKey key = BlobKey.of("moved.txt");
      store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.DEFAULTS);
      try (BlobStream in = store.get(key)) {
        assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
      }
      assertThat(store.region()).isEqualTo("eu-central-1");
      List<RecordedRequest> requests = proxy.requests();
      assertThat(requests.getFirst().status()).isEqualTo(301);
      assertThat(signingRegion(requests.getFirst())).isEqualTo("us-west-2");
      assertThat(requests.subList(1, requests.size())).allSatisfy(r -> {
        assertThat(signingRegion(r)).isEqualTo("eu-central-1");
        assertThat(r.status()).isEqualTo(200);
      });
      assertThat(store.presignGet(key, PresignRequest.expiringIn(Duration.ofMinutes(1))).url().toString())
          .contains("eu-central-1");
    }
  }

  @Test
  void a403FromTheWrongRegionSaysSo() {
    proxy.respondWith(r -> Reply.s3Error(403, "AccessDenied", "Access Denied",
        Map.of("x-amz-bucket-region", "ap-south-1")));
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b.region("us-east-1"))) {
      assertThatThrownBy(() -> store.list(dev.lightbox.storage.ListRequest.of("")))
          .isInstanceOf(StorageException.class)
          .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED))
          .hasMessageContaining("the bucket lives in region 'ap-south-1', not 'us-east-1'")
          .hasMessageContaining("LIGHTBOX_S3_REGION");
    }
  }

  @Test
  void a403ForAMissingKeyIsTakenForNotFoundOnlyWhereTheProviderDoesThat() {
    proxy.respondWith(r -> r.method().equals("HEAD") || r.method().equals("GET") && !r.hasQueryParam("list-type")
        ? Reply.s3Error(403, "AccessDenied", "Access Denied", Map.of()) : null);
    try (S3BlobStore b2 = open(ProviderPreset.B2, b -> b.region("us-west-004"))) {
      assertThat(b2.headOrNull(BlobKey.of("missing.jpg"))).isNull();
      assertThat(ofKind(proxy.requests(), "ListObjectsV2")).as("a listing decides").hasSize(1);
    }
    try (S3BlobStore r2 = open(ProviderPreset.R2, b -> b)) {
      assertThatThrownBy(() -> r2.headOrNull(BlobKey.of("missing.jpg")))
          .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED));
    }
  }

  @Test
  void aReadOnlyStoreRefusesWritesBeforeSendingAnything() {
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b.readOnly(true).credentialsSource("profile 'archive'"))) {
      BlobKey key = BlobKey.of("a.txt");
      List<Runnable> writes = List.of(
          () -> store.put(key, new ByteArrayInputStream(new byte[1]), 1, PutOptions.DEFAULTS),
          () -> store.delete(key),
          () -> store.deleteMany(List.of(key)),
          () -> store.deletePrefix("k/", false),
          () -> store.copy(key, BlobKey.of("b.txt")),
          () -> store.move(key, BlobKey.of("b.txt")),
          () -> store.presignPut(key, PresignRequest.expiringIn(Duration.ofMinutes(1))),
          () -> store.setLegalHold(key, true),
          () -> store.applyLifecycleDefaults(LifecycleDefaults.recommended()),
          () -> store.applyCors(CorsPolicy.forOrigins(List.of("https://a.example"))));
      for (Runnable write : writes) {
        assertThatThrownBy(write::run).isInstanceOf(StorageException.class)
            .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.READ_ONLY))
            .hasMessageContaining("profile 'archive'");
      }
      assertThat(proxy.requests()).isEmpty();
      assertThat(store.headOrNull(key)).isNull();
      assertThat(store.deletePrefix("k/").complete()).as("a dry run only reads").isTrue();
    }
  }

  @Test
  void objectLockIsRefusedUpFrontWhereTheProviderHasNone() {
    try (S3BlobStore r2 = open(ProviderPreset.R2, b -> b)) {
      var lock = ObjectLock.legalHoldOnly();
      assertThatThrownBy(() -> r2.put(BlobKey.of("x"), new ByteArrayInputStream(new byte[1]), 1,
          PutOptions.builder().objectLock(lock).build()))
          .satisfies(e -> assertThat(((StorageException) e).kind()).isEqualTo(StorageException.Kind.UNSUPPORTED))
          .hasMessageContaining("Cloudflare R2 does not support Object Lock");
      assertThat(proxy.requests()).isEmpty();
    }
  }

  @Test
  void lifecycleAndCorsRefusedByTheStoreAreReportedNotThrown() {
    try (S3BlobStore store = open(ProviderPreset.CUSTOM, b -> b)) {
      LifecycleResult lifecycle = store.applyLifecycleDefaults(LifecycleDefaults.recommended());
      assertThat(lifecycle.ok()).isFalse();
      assertThat(lifecycle.failure()).contains("none were changed").contains("UNSUPPORTED");
      CorsResult cors = store.applyCors(CorsPolicy.forOrigins(List.of("https://a.example")));
      assertThat(cors.ok()).isFalse();
      assertThat(cors.failure()).contains("none were changed");
    }
    try (S3BlobStore minio = open(ProviderPreset.MINIO, b -> b)) {
      CorsResult cors = minio.applyCors(CorsPolicy.forOrigins(List.of("https://a.example")));
      assertThat(cors.failure()).contains("MINIO_API_CORS_ALLOW_ORIGIN");
    }
  }
}
