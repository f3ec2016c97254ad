package dev.lightbox.storage.s3;

import static dev.lightbox.storage.s3.WireRequests.kind;
import static dev.lightbox.storage.s3.WireRequests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.ObjectLock;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.testkit.RecordedRequest;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.S3MockServer;

/**
 * No local server enforces SSE-C or Object Lock, so these tests prove the requests: every request goes
 * through a recording proxy to S3Mock, and the headers each kind of request carried are asserted. The
 * bytes still make the round trip through S3Mock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataProtectionWireTest {
  private static final int SMALL = 1000;
  private static final int LARGE = 5 * 1024 * 1024 + 100;
  private S3MockServer server;
  private RecordingProxy proxy;

  @BeforeAll
  void start() {
    server = S3MockServer.start();
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
  }

  private S3BlobStore open(Encryption encryption) {
    return S3BlobStore.open(S3Stores.config(server).endpoint(proxy.endpoint()).sendChecksumSha256(false)
        .keyPrefix("enc-" + UUID.randomUUID()).encryption(encryption).build());
  }

  static byte[] data(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static byte[] read(BlobStream s) throws Exception {
    try (s) {
      return s.readAllBytes();
    }
  }

  @Test
  void sseCustomerKeyTravelsWithEveryRequestThatTouchesTheObject() throws Exception {
    SseCustomerKey key = SseCustomerKey.random();
    try (S3BlobStore store = open(Encryption.sseC(key))) {
      BlobKey small = BlobKey.of("small.bin");
      BlobKey large = BlobKey.of("large.bin");
      store.put(small, new ByteArrayInputStream(data(SMALL)), SMALL, PutOptions.DEFAULTS);
      store.put(large, new ByteArrayInputStream(data(LARGE)), LARGE, PutOptions.DEFAULTS);
      assertThat(read(store.get(small))).isEqualTo(data(SMALL));
      assertThat(read(store.getRange(large, ByteRange.of(10, 20)))).hasSize(20);
      assertThat(store.head(large).size()).isEqualTo(LARGE);
      store.copy(small, BlobKey.of("copy.bin"));
      assertThat(read(store.get(BlobKey.of("copy.bin")))).isEqualTo(data(SMALL));

      List<RecordedRequest> requests = proxy.requests();
      for (String kind : List.of("PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload",
          "CopyObject", "GetObject", "HeadObject")) {
        List<RecordedRequest> ofKind = ofKind(requests, kind);
        assertThat(ofKind).as(kind).isNotEmpty();
        for (RecordedRequest r : ofKind) {
          assertCustomerKey(r, "x-amz-server-side-encryption-customer-", key);
        }
      }
      assertThat(ofKind(requests, "GetObject")).anyMatch(r -> "bytes=10-29".equals(r.header("range")));
      for (RecordedRequest copy : ofKind(requests, "CopyObject")) {
        assertCustomerKey(copy, "x-amz-copy-source-server-side-encryption-customer-", key);
      }
      assertThat(requests).noneMatch(r -> r.hasHeader("x-amz-server-side-encryption"));
    }
  }

  @Test
  void presignedUrlsOfAnSseCStoreNameTheKeyHeadersTheHolderMustSend() throws Exception {
    SseCustomerKey key = SseCustomerKey.random();
    try (S3BlobStore store = open(Encryption.sseC(key)); HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).build()) {
      BlobKey k = BlobKey.of("presigned.bin");
      PresignedUrl put = store.presignPut(k, PresignRequest.expiringIn(Duration.ofMinutes(5)));
      assertThat(put.requiredHeaders()).containsEntry("x-amz-server-side-encryption-customer-key", key.base64());
      assertThat(put.toString()).doesNotContain(key.base64());
      HttpRequest.Builder upload = HttpRequest.newBuilder(put.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(data(SMALL)));
      put.requiredHeaders().forEach(upload::header);
      assertThat(http.send(upload.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

      PresignedUrl get = store.presignGet(k, PresignRequest.expiringIn(Duration.ofMinutes(5)));
      HttpRequest.Builder download = HttpRequest.newBuilder(get.url()).GET();
      get.requiredHeaders().forEach(download::header);
      assertThat(http.send(download.build(), HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(data(SMALL));

      for (RecordedRequest r : proxy.requests()) {
        assertThat(r.query()).contains("X-Amz-Signature");
        assertCustomerKey(r, "x-amz-server-side-encryption-customer-", key);
      }
    }
  }

  @Test
  void sseKmsAndSseS3AreAskedForOnWritesOnly() throws Exception {
    try (S3BlobStore store = open(Encryption.sseKms(S3MockServer.KMS_KEY_ID))) {
      BlobKey small = BlobKey.of("kms-small.bin");
      store.put(small, new ByteArrayInputStream(data(SMALL)), SMALL, PutOptions.DEFAULTS);
      store.put(BlobKey.of("kms-large.bin"), new ByteArrayInputStream(data(LARGE)), LARGE, PutOptions.DEFAULTS);
      assertThat(read(store.get(small))).isEqualTo(data(SMALL));
      assertThat(store.head(small).sha256()).isNotNull();
      for (RecordedRequest r : proxy.requests()) {
        String kind = kind(r);
        if (List.of("PutObject", "CreateMultipartUpload", "CopyObject").contains(kind)) {
          assertThat(r.header("x-amz-server-side-encryption")).as(kind).isEqualTo("aws:kms");
          assertThat(r.header("x-amz-server-side-encryption-aws-kms-key-id")).as(kind).isEqualTo(S3MockServer.KMS_KEY_ID);
        } else {
          assertThat(r.headers().keySet()).as(kind).noneMatch(h -> h.startsWith("x-amz-server-side-encryption"));
        }
      }
    }
    proxy.clear();
    try (S3BlobStore store = open(Encryption.sseS3())) {
      BlobKey k = BlobKey.of("s3.bin");
      store.put(k, new ByteArrayInputStream(data(SMALL)), SMALL, PutOptions.DEFAULTS);
      assertThat(read(store.get(k))).isEqualTo(data(SMALL));
      assertThat(ofKind(proxy.requests(), "PutObject")).allMatch(r -> "AES256".equals(r.header("x-amz-server-side-encryption")));
      assertThat(ofKind(proxy.requests(), "GetObject")).noneMatch(r -> r.hasHeader("x-amz-server-side-encryption"));
    }
  }

  @Test
  void objectLockPutsCarryTheLockAndTheChecksumS3Requires() throws Exception {
    Instant until = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    ObjectLock lock = ObjectLock.retain(ObjectLock.Mode.GOVERNANCE, until).withLegalHold(true);
    try (S3BlobStore store = open(Encryption.NONE)) {
      store.put(BlobKey.of("locked.bin"), new ByteArrayInputStream(data(SMALL)), SMALL,
          PutOptions.builder().objectLock(lock).build());
      store.put(BlobKey.of("locked-large.bin"), new ByteArrayInputStream(data(LARGE)), LARGE,
          PutOptions.builder().objectLock(ObjectLock.retain(ObjectLock.Mode.COMPLIANCE, until)).build());
      List<RecordedRequest> puts = ofKind(proxy.requests(), "PutObject");
      assertThat(puts).hasSize(1);
      RecordedRequest put = puts.getFirst();
      assertThat(put.header("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
      assertThat(Instant.parse(put.header("x-amz-object-lock-retain-until-date"))).isEqualTo(until);
      assertThat(put.header("x-amz-object-lock-legal-hold")).isEqualTo("ON");
      assertThat(put.header("content-md5")).isEqualTo(Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("MD5").digest(data(SMALL))));
      RecordedRequest copy = ofKind(proxy.requests(), "CopyObject").getFirst();
      assertThat(copy.header("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
      assertThat(copy.header("x-amz-object-lock-legal-hold")).isEqualTo("OFF");
      assertThat(ofKind(proxy.requests(), "CreateMultipartUpload"))
          .as("the temporary upload is not locked, or it could not be cleaned up")
          .noneMatch(r -> r.hasHeader("x-amz-object-lock-mode"));
    }
  }

  @Test
  void lifecycleDefaultsMergeWithTheBucketsOwnRulesAndNeverRewriteThem() {
    String bucket = server.createBucket("lifecycle-" + UUID.randomUUID().toString().substring(0, 8));
    try (var raw = software.amazon.awssdk.services.s3.S3Client.builder()
        .endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b")))
        .addPlugin(software.amazon.awssdk.services.s3.LegacyMd5Plugin.create()).build()) {
      var theirs = software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("expire-logs")
          .status(software.amazon.awssdk.services.s3.model.ExpirationStatus.ENABLED)
          .filter(f -> f.prefix("logs/")).expiration(e -> e.days(30)).build();
      raw.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(theirs)));

      S3Config config = S3Stores.config(server).endpoint(proxy.endpoint()).bucket(bucket).keyPrefix("media").build();
      try (S3BlobStore store = S3BlobStore.open(config)) {
        LifecycleResult first = store.applyLifecycleDefaults(new LifecycleDefaults(7, 30));
        assertThat(first.ok()).as(String.valueOf(first)).isTrue();
        assertThat(first.applied()).hasSize(2);
        assertThat(first.kept()).containsExactly("expire-logs");
        var rules = raw.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        assertThat(rules).contains(theirs);
        assertThat(rules).anySatisfy(r -> {
          assertThat(r.id()).isEqualTo(LifecycleDefaults.ABORT_RULE_ID);
          assertThat(r.filter().prefix()).isEqualTo("media/");
          assertThat(r.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(7);
        });
        assertThat(ofKind(proxy.requests(), "PutBucketLifecycle").getFirst().header("content-md5")).isNotBlank();

        proxy.clear();
        LifecycleResult again = store.applyLifecycleDefaults(new LifecycleDefaults(7, 30));
        assertThat(again.applied()).allMatch(a -> a.contains("already in place"));
        assertThat(ofKind(proxy.requests(), "PutBucketLifecycle")).as("nothing to change, nothing sent").isEmpty();

        LifecycleResult changed = store.applyLifecycleDefaults(new LifecycleDefaults(3, null));
        assertThat(changed.applied()).containsExactly("abort incomplete multipart uploads after 3 days "
            + "(updated Lightbox's rule, was 7 days)");
        assertThat(raw.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()).contains(theirs).hasSize(3);
      }

      var coveringAbort = software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("ops-abort")
          .status(software.amazon.awssdk.services.s3.model.ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
          .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2)).build();
      raw.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(coveringAbort)));
      try (S3BlobStore minio = S3BlobStore.open(S3Stores.config(server).preset(ProviderPreset.MINIO)
          .endpoint(proxy.endpoint()).bucket(bucket).build())) {
        LifecycleResult result = minio.applyLifecycleDefaults(new LifecycleDefaults(7, 30));
        assertThat(result.skipped()).anyMatch(s -> s.contains("MinIO has no AbortIncompleteMultipartUpload"));
        assertThat(result.applied()).containsExactly("expire noncurrent versions after 30 days");
      }
      try (S3BlobStore store = S3BlobStore.open(S3Stores.config(server).endpoint(proxy.endpoint()).bucket(bucket).build())) {
        LifecycleResult result = store.applyLifecycleDefaults(new LifecycleDefaults(7, null));
        assertThat(result.skipped()).containsExactly("abort incomplete multipart uploads after 7 days: the bucket's "
            + "rule 'ops-abort' already does this (2 days)");
      }
    }
  }

  @Test
  void corsKeepsTheBucketsOtherRulesAndIsReadBack() {
    // S3Mock has no bucket CORS, so the proxy plays a store that has: it keeps what is PUT and returns it.
    String foreign = "<CORSConfiguration><CORSRule><ID>uploads</ID><AllowedOrigin>https://upload.example</AllowedOrigin>"
        + "<AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>";
    var stored = new java.util.concurrent.atomic.AtomicReference<>(foreign);
    proxy.respondWith(r -> {
      if (!r.hasQueryParam("cors")) {
        return null;
      }
      if (r.method().equals("PUT")) {
        stored.set(r.bodyText());
        return new RecordingProxy.Reply(200, java.util.Map.of(), new byte[0]);
      }
      return new RecordingProxy.Reply(200, java.util.Map.of("Content-Type", "application/xml"),
          stored.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    try (S3BlobStore store = open(Encryption.NONE)) {
      CorsResult result = store.applyCors(CorsPolicy.forOrigins(List.of("https://photos.example")));
      assertThat(result.ok()).as(String.valueOf(result)).isTrue();
      assertThat(result.kept()).containsExactly("uploads");
      assertThat(stored.get()).contains("<ID>uploads</ID>", "<AllowedOrigin>https://upload.example</AllowedOrigin>",
          "<ID>lightbox</ID>", "<AllowedOrigin>https://photos.example</AllowedOrigin>", "<AllowedMethod>GET</AllowedMethod>",
          "<AllowedMethod>HEAD</AllowedMethod>", "<ExposeHeader>Accept-Ranges</ExposeHeader>",
          "<ExposeHeader>Content-Length</ExposeHeader>", "<ExposeHeader>Content-Range</ExposeHeader>",
          "<ExposeHeader>Content-Type</ExposeHeader>", "<ExposeHeader>ETag</ExposeHeader>");
      assertThat(ofKind(proxy.requests(), "PutBucketCors").getFirst().header("content-md5")).isNotBlank();
    } finally {
      proxy.respondWith(null);
    }
  }

  private static void assertCustomerKey(RecordedRequest r, String prefix, SseCustomerKey key) {
    assertThat(r.header(prefix + "algorithm")).as(r + " " + prefix + "algorithm").isEqualTo("AES256");
    assertThat(r.header(prefix + "key")).as(r + " " + prefix + "key").isEqualTo(key.base64());
    assertThat(r.header(prefix + "key-md5")).as(r + " " + prefix + "key-MD5").isEqualTo(key.md5Base64());
  }
}
