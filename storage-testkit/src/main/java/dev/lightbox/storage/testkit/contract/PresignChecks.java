package dev.lightbox.storage.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.testkit.TestData;

/** Presigned URLs work with a plain HTTP client, and stop working after expiry or tampering. */
final class PresignChecks {
  /** One client for every presign check: creating one per test would start a selector thread each time. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ContractContext context;
  private final BlobStore store;

  private PresignChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
  }

  static void register(ContractRegistry registry) {
    registry.group("presigned URLs", PresignChecks::new)
        .check("presignedGetServesTheObjectWithSignedResponseHeaders",
            PresignChecks::presignedGetServesTheObjectWithSignedResponseHeaders, Requirement.PRESIGN)
        .check("presignedPutStoresTheBody", PresignChecks::presignedPutStoresTheBody, Requirement.PRESIGN)
        .check("tamperedOrExpiredUrlsAreRefused", PresignChecks::tamperedOrExpiredUrlsAreRefused,
            Requirement.PRESIGN, Requirement.VERIFIED_SIGNATURES)
        .check("storesWithoutPresignSayUnsupported", PresignChecks::storesWithoutPresignSayUnsupported,
            Requirement.NO_PRESIGN);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  void presignedGetServesTheObjectWithSignedResponseHeaders() throws Exception {
    byte[] data = TestData.bytes(4096, 31);
    BlobKey key = key("p/ünïcode name.png");
    store.put(key, new ByteArrayInputStream(data), data.length, PutOptions.builder().contentType("image/png").build());

    PresignedUrl url = store.presignGet(key, PresignRequest.expiringIn(Duration.ofMinutes(5))
        .withResponseContentType("image/png")
        .withResponseContentDisposition("inline; filename*=UTF-8''%C3%BCn%C3%AFcode%20name.png"));
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url.url()).GET().build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(data);
    assertThat(response.headers().firstValue("content-type")).hasValue("image/png");
    assertThat(response.headers().firstValue("content-disposition").orElse("")).contains("filename*=");
    assertThat(url.toString()).doesNotContain(signatureOf(url)).contains("REDACTED");
  }

  void presignedPutStoresTheBody() throws Exception {
    byte[] data = TestData.bytes(2048, 32);
    PresignedUrl url = store.presignPut(key("p/upload.bin"),
        PresignRequest.expiringIn(Duration.ofMinutes(5)).withContentType("application/octet-stream"));
    HttpRequest.Builder put = HttpRequest.newBuilder(url.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(data));
    url.requiredHeaders().forEach(put::header);
    HttpResponse<byte[]> response = send(put.build());
    assertThat(response.statusCode()).isBetween(200, 299);
    assertThat(TestData.readAll(store.get(key("p/upload.bin")))).isEqualTo(data);
  }

  void tamperedOrExpiredUrlsAreRefused() throws Exception {
    store.put(key("p/secret"), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.DEFAULTS);

    PresignedUrl good = store.presignGet(key("p/secret"), PresignRequest.expiringIn(Duration.ofMinutes(5)));
    String tamperedKey = good.url().toString().replace("p/secret", "p/secreT");
    assertThat(send(HttpRequest.newBuilder(URI.create(tamperedKey)).GET().build()).statusCode()).isEqualTo(403);
    String sig = signatureOf(good);
    String flipped = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
    String tamperedSig = good.url().toString().replace(sig, flipped);
    assertThat(send(HttpRequest.newBuilder(URI.create(tamperedSig)).GET().build()).statusCode()).isEqualTo(403);

    PresignedUrl shortLived = store.presignGet(key("p/secret"), PresignRequest.expiringIn(Duration.ofSeconds(1)));
    Thread.sleep(2100);
    assertThat(send(HttpRequest.newBuilder(shortLived.url()).GET().build()).statusCode()).isEqualTo(403);
  }

  void storesWithoutPresignSayUnsupported() {
    assertThatThrownBy(() -> store.presignGet(key("x"), PresignRequest.expiringIn(Duration.ofMinutes(1))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
  }

  private static String signatureOf(PresignedUrl url) {
    String query = url.url().getRawQuery();
    for (String part : query.split("&")) {
      if (part.startsWith("X-Amz-Signature=")) {
        return part.substring("X-Amz-Signature=".length());
      }
    }
    throw new AssertionError("no X-Amz-Signature in the presigned URL");
  }
}
