package dev.lightbox.storage.s3.doctor;

import static dev.lightbox.storage.s3.doctor.DoctorFixture.assertLeftAsFound;
import static dev.lightbox.storage.s3.doctor.DoctorFixture.assertStatuses;
import static dev.lightbox.storage.s3.doctor.DoctorFixture.config;
import static dev.lightbox.storage.s3.doctor.ProbeStatus.FAILS;
import static dev.lightbox.storage.s3.doctor.ProbeStatus.NOT_SUPPORTED;
import static dev.lightbox.storage.s3.doctor.ProbeStatus.SKIPPED;
import static dev.lightbox.storage.s3.doctor.ProbeStatus.WORKS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.lightbox.storage.s3.Encryption;
import dev.lightbox.storage.s3.SseCustomerKey;
import dev.lightbox.storage.testkit.RecordedRequest;
import dev.lightbox.storage.testkit.RecordingProxy;
import dev.lightbox.storage.testkit.RecordingProxy.Reply;
import dev.lightbox.storage.testkit.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The doctor against S3Proxy (filesystem store), whose support is known: the core S3 API and checksum
 * verification; no server-side encryption, Object Lock, bucket CORS or lifecycle (all answer 501).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ProxyDoctorTest {
  private S3ProxyServer server;
  private S3Client raw;
  private RecordingProxy proxy;

  @BeforeAll
  void start() {
    server = S3ProxyServer.start();
    raw = DoctorFixture.raw(server);
    proxy = RecordingProxy.start(server.endpoint());
  }

  @AfterAll
  void stop() {
    proxy.close();
    raw.close();
    server.close();
  }

  @BeforeEach
  void sentinel() {
    DoctorFixture.putSentinel(raw, server.bucket());
    proxy.clear();
    proxy.respondWith(null);
  }

  @AfterEach
  void leftAsFound() {
    assertLeftAsFound(raw, server.bucket());
  }

  @Test
  void theTableMatchesWhatS3ProxySupports() {
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server).build(), ServeMode.REDIRECT)
        .withOrigins(List.of("https://photos.example")));
    assertStatuses(report, Map.ofEntries(
        Map.entry(Feature.AUTH, WORKS), Map.entry(Feature.PUT_GET, WORKS), Map.entry(Feature.LIST, WORKS),
        Map.entry(Feature.RANGE, WORKS), Map.entry(Feature.MULTIPART, WORKS), Map.entry(Feature.PRESIGNED_GET, WORKS),
        Map.entry(Feature.PRESIGNED_PUT, WORKS), Map.entry(Feature.BATCH_DELETE, WORKS),
        Map.entry(Feature.CHECKSUM, WORKS), Map.entry(Feature.SSE_S3, NOT_SUPPORTED), Map.entry(Feature.SSE_KMS, SKIPPED),
        Map.entry(Feature.SSE_C, NOT_SUPPORTED), Map.entry(Feature.OBJECT_LOCK, NOT_SUPPORTED),
        Map.entry(Feature.CORS, NOT_SUPPORTED), Map.entry(Feature.LIFECYCLE, NOT_SUPPORTED)));
    assertThat(report.blocking()).extracting(ProbeResult::feature).containsExactly(Feature.CORS);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.cleanedUp()).isTrue();
    assertThat(report.suggestedSettings()).contains("LIGHTBOX_S3_PRESET=custom", "LIGHTBOX_S3_CHECKSUM_SHA256=true",
        "LIGHTBOX_S3_ENDPOINT=" + server.endpoint());
    String table = DoctorTable.render(report);
    assertThat(table).contains("NOT ready for serve mode redirect: CORS does not work")
        .contains("fix: configure CORS in the provider, or LIGHTBOX_S3_SERVE_MODE=proxy")
        .doesNotContain(server.info().secretKey());
  }

  @Test
  void proxyModeNeedsNeitherPresignedUrlsNorCorsAndIsReady() {
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server).keyPrefix("library").build(), ServeMode.PROXY));
    assertThat(report.ready()).as(DoctorTable.render(report)).isTrue();
    assertThat(report.exitCode()).isZero();
    assertThat(report.result(Feature.CORS).status()).isEqualTo(SKIPPED);
    assertThat(report.prefix()).startsWith("s3://" + server.bucket() + "/library/.lightbox-doctor-");
    assertThat(DoctorTable.render(report)).contains("Verdict: ready for serve mode proxy");
  }

  @Test
  void aFailingProbeStillCleansUpAndFailsTheRun() {
    proxy.respondWith(r -> r.method().equals("POST") && r.hasQueryParam("uploadId")
        ? Reply.s3Error(400, "InvalidPart", "One or more of the specified parts could not be found.", Map.of()) : null);
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server).endpoint(proxy.endpoint()).build(),
        ServeMode.PROXY));
    assertThat(report.result(Feature.MULTIPART).status()).isEqualTo(FAILS);
    assertThat(report.result(Feature.MULTIPART).detail()).contains("InvalidPart");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.cleanedUp()).as(report.cleanup()).isTrue();
    assertThat(proxy.requests()).filteredOn(r -> r.method().equals("DELETE") && r.hasQueryParam("uploadId"))
        .as("the failed upload was aborted").isNotEmpty();
  }

  @Test
  void everyRequestStaysInsideTheTemporaryPrefix() {
    BucketDoctor.run(DoctorOptions.of(config(server).endpoint(proxy.endpoint()).build(), ServeMode.REDIRECT));
    List<RecordedRequest> objectRequests = proxy.requests().stream()
        .filter(r -> r.path().length() > ("/" + server.bucket() + "/").length()).toList();
    assertThat(objectRequests).isNotEmpty().allSatisfy(r ->
        assertThat(r.path()).startsWith("/" + server.bucket() + "/.lightbox-doctor-"));
    assertThat(proxy.requests()).filteredOn(r -> r.hasQueryParam("prefix"))
        .allSatisfy(r -> assertThat(r.query()).contains("prefix=.lightbox-doctor-"));
  }

  @Test
  void wrongCredentialsFailAuthAndSkipTheRestWithoutEchoingTheSecret() {
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server)
        .credentials(server.info().accessKey(), "wrong-secret-value").build(), ServeMode.REDIRECT));
    assertThat(report.result(Feature.AUTH).status()).isEqualTo(FAILS);
    assertThat(report.result(Feature.AUTH).fix()).contains("access key and secret");
    assertThat(report.results().subList(1, report.results().size())).allMatch(r -> r.status() == SKIPPED);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(DoctorTable.render(report)).doesNotContain("wrong-secret-value");
  }

  @Test
  void readOnlyCredentialsWriteNothing() {
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server).endpoint(proxy.endpoint()).readOnly(true)
        .credentialsSource("profile 'viewer'").build(), ServeMode.PROXY));
    assertThat(report.result(Feature.WRITES).status()).isEqualTo(FAILS);
    assertThat(report.result(Feature.WRITES).detail()).contains("profile 'viewer'");
    assertThat(proxy.requests()).extracting(RecordedRequest::method).containsOnly("HEAD", "GET");
  }

  @Test
  void sseCWithRedirectServingIsFlaggedAsBlocking() {
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server)
        .encryption(Encryption.sseC(SseCustomerKey.random())).build(), ServeMode.REDIRECT));
    assertThat(report.result(Feature.SSE_C).needed()).isTrue();
    assertThat(report.blocking()).extracting(ProbeResult::feature).contains(Feature.SSE_C, Feature.SSE_C_REDIRECT);
    assertThat(report.suggestedSettings()).contains("LIGHTBOX_S3_SERVE_MODE=proxy", "LIGHTBOX_S3_SSE=none");
  }

  @Test
  void aBucketInAnotherRegionIsFollowedAndTheRegionSuggested() {
    proxy.respondWith(r -> "eu-central-1".equals(signingRegion(r)) ? null
        : Reply.s3Error(301, "PermanentRedirect", "Wrong region", Map.of("x-amz-bucket-region", "eu-central-1")));
    DoctorReport report = BucketDoctor.run(DoctorOptions.of(config(server).endpoint(proxy.endpoint())
        .region("us-west-2").build(), ServeMode.PROXY));
    assertThat(report.result(Feature.AUTH).detail()).contains("region 'eu-central-1', not 'us-west-2'");
    assertThat(report.ready()).as(DoctorTable.render(report)).isTrue();
    assertThat(report.suggestedSettings()).contains("LIGHTBOX_S3_REGION=eu-central-1");
  }

  private static String signingRegion(RecordedRequest r) {
    String auth = r.header("authorization") != null ? r.header("authorization") : r.query().replace("%2F", "/");
    var m = java.util.regex.Pattern.compile("/\\d{8}/([a-z0-9-]+)/s3/").matcher(auth);
    return m.find() ? m.group(1) : null;
  }
}
