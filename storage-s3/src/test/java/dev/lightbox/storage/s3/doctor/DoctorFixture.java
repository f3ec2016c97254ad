package dev.lightbox.storage.s3.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.testkit.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Shared steps of the doctor tests: configs for a test server, a key that must survive, table checks. */
final class DoctorFixture {
  static final String SENTINEL = "keep/me.txt";

  private DoctorFixture() {
  }

  static S3Config.Builder config(S3TestServer server) {
    var i = server.info();
    return S3Config.builder().endpoint(i.endpoint()).region(i.region()).bucket(i.bucket())
        .credentials(i.accessKey(), i.secretKey());
  }

  static S3Client raw(S3TestServer server) {
    return S3Clients.client(config(server).build());
  }

  /** An object the doctor must not touch. */
  static void putSentinel(S3Client raw, String bucket) {
    raw.putObject(b -> b.bucket(bucket).key(SENTINEL), RequestBody.fromString("user data"));
  }

  /** After a run: only the sentinel is left, unchanged, and no multipart upload. */
  static void assertLeftAsFound(S3Client raw, String bucket) {
    assertThat(raw.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
        .containsExactly(SENTINEL);
    assertThat(raw.getObjectAsBytes(b -> b.bucket(bucket).key(SENTINEL)).asUtf8String()).isEqualTo("user data");
    assertThat(raw.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
  }

  static void assertStatuses(DoctorReport report, Map<String, ProbeStatus> expected) {
    expected.forEach((feature, status) -> assertThat(report.result(feature)).as(feature + "\n" + DoctorTable.render(report))
        .isNotNull().extracting(ProbeResult::status).isEqualTo(status));
  }

  static List<String> features(DoctorReport report) {
    return report.results().stream().map(ProbeResult::feature).toList();
  }
}
