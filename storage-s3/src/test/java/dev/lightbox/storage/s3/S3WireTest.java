package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.testkit.S3ProxyServer;
import dev.lightbox.storage.testkit.TestData;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/** What reaches S3Proxy (which enforces SigV4): checksums, metadata encoding, presigned PUT limits, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3WireTest {
  private S3ProxyServer server;
  private S3BlobStore store;
  private S3Client direct;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    store = S3Stores.open(server, b -> b.keyPrefix("wire"));
    direct = S3Clients.client(S3Stores.config(server).build());
  }

  @AfterAll
  void stop() {
    store.close();
    direct.close();
    server.close();
  }

  @Test
  void singlePutSendsTheSha256AsChecksumHeaderAndMetadata() {
    byte[] data = TestData.bytes(1234, 5);
    BlobInfo info = store.put(BlobKey.of("c.bin"), new ByteArrayInputStream(data), data.length, PutOptions.DEFAULTS);
    var head = direct.headObject(b -> b.bucket(server.bucket()).key("wire/c.bin").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.metadata()).containsEntry("lightbox-sha256", info.sha256());
    assertThat(head.checksumSHA256())
        .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(info.sha256())));
    assertThat(head.eTag()).doesNotContain(info.sha256());
  }

  @Test
  void nonAsciiMetadataIsEncodedOnTheWireAndDecodedOnRead() {
    store.put(BlobKey.of("m"), new ByteArrayInputStream(new byte[1]), 1,
        PutOptions.builder().metadata("title", "東京の夜 🌃").build());
    var head = direct.headObject(b -> b.bucket(server.bucket()).key("wire/m"));
    assertThat(head.metadata().get("title")).startsWith("=?UTF-8?B?").isASCII();
    assertThat(store.head(BlobKey.of("m")).userMetadata()).containsEntry("title", "東京の夜 🌃");
  }

  @Test
  void presignedPutIsRefusedWithAnotherContentTypeOrAfterExpiry() throws Exception {
    byte[] data = {1, 2, 3};
    PresignedUrl url = store.presignPut(BlobKey.of("up"),
        PresignRequest.expiringIn(Duration.ofMinutes(1)).withContentType("image/jpeg"));
    assertThat(url.requiredHeaders()).containsEntry("content-type", "image/jpeg");
    assertThat(put(url.url(), "text/plain", data)).isEqualTo(403);
    assertThat(store.exists(BlobKey.of("up"))).isFalse();

    PresignedUrl brief = store.presignPut(BlobKey.of("up"), PresignRequest.expiringIn(Duration.ofSeconds(1)));
    Thread.sleep(2100);
    assertThat(put(brief.url(), null, data)).isEqualTo(403);
    assertThat(store.exists(BlobKey.of("up"))).isFalse();
    assertThat(brief.toString()).doesNotContain(server.info().accessKey() + "/").contains("REDACTED");
  }

  private int put(URI url, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void deleteManyGoesInBatchesWithAResultPerKey() {
    try (S3BlobStore small = S3Stores.open(server, b -> b.keyPrefix("batch").maxBatchDelete(3))) {
      List<BlobKey> keys = new java.util.ArrayList<>();
      for (int i = 0; i < 7; i++) {
        BlobKey key = BlobKey.of("k" + i);
        small.put(key, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.DEFAULTS);
        keys.add(key);
      }
      keys.add(BlobKey.of("never-existed"));
      var result = small.deleteMany(keys);
      assertThat(result.allDeleted()).isTrue();
      assertThat(result.deleted()).containsExactlyElementsOf(keys);
      assertThat(small.listAll("").count()).isZero();
      assertThat(small.capabilities().maxBatchDelete()).isEqualTo(3);
    }
  }

  @Test
  void aFailingSourceStreamStoresNothingAndSaysSo() {
    java.io.InputStream broken = new java.io.InputStream() {
      private int sent;

      @Override
      public int read() throws java.io.IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        if (sent > 6 * TestData.MIB) {
          throw new java.io.IOException("disk unplugged");
        }
        int n = Math.min(len, 64 * 1024);
        java.util.Arrays.fill(b, off, off + n, (byte) 7);
        sent += n;
        return n;
      }
    };
    assertThatThrownBy(() -> store.put(BlobKey.of("broken"), broken, -1, PutOptions.DEFAULTS))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("disk unplugged").contains("nothing was stored");
        });
    assertThat(store.exists(BlobKey.of("broken"))).isFalse();
    assertThat(direct.listMultipartUploads(b -> b.bucket(server.bucket())).uploads()).isEmpty();
  }

  @Test
  void wrongSecretIsAccessDeniedWithoutLeakingIt() {
    String wrong = "not-the-secret-" + System.nanoTime();
    try (S3BlobStore bad = S3Stores.open(server, b -> b.credentials(server.info().accessKey(), wrong))) {
      assertThatThrownBy(() -> bad.head(BlobKey.of("anything")))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.ACCESS_DENIED);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("s3://").doesNotContain(wrong);
          });
    }
  }

  @Test
  void missingBucketIsNotMistakenForAMissingKey() {
    try (S3BlobStore nowhere = S3Stores.open(server, b -> b.bucket("no-such-bucket"))) {
      assertThatThrownBy(() -> nowhere.headOrNull(BlobKey.of("k"))).isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.getMessage()).contains("no-such-bucket").contains("bucket"));
      assertThatThrownBy(() -> nowhere.get(BlobKey.of("k"))).isInstanceOf(StorageException.class);
    }
  }

  @Test
  void tempAreaIsHiddenAndReserved() {
    assertThatThrownBy(() -> store.put(BlobKey.of(".lightbox-tmp/x"), new ByteArrayInputStream(new byte[0]), 0,
        PutOptions.DEFAULTS)).isInstanceOfSatisfying(StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_KEY));
    direct.putObject(b -> b.bucket(server.bucket()).key("wire/.lightbox-tmp/leftover"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    direct.putObject(b -> b.bucket(server.bucket()).key("wire/folder/"),
        software.amazon.awssdk.core.sync.RequestBody.empty());
    List<String> listed = store.listAll("").map(i -> i.key().value()).toList();
    assertThat(listed).noneMatch(k -> k.startsWith(".lightbox-tmp")).doesNotContain("folder/");
  }
}
