package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.StorageException;

class S3ConfigTest {
  @Test
  void customEndpointsGetCompatibleDefaults() {
    S3Config config = S3Config.builder().endpoint("http://127.0.0.1:9000").bucket("photos").keyPrefix("lib")
        .credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG").build();
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.chunkedEncoding()).isFalse();
    assertThat(config.checksumMode()).isEqualTo(ChecksumMode.WHEN_REQUIRED);
    assertThat(config.sendChecksumSha256()).isFalse();
    assertThat(config.keyPrefix()).isEqualTo("lib/");
    assertThat(config.describe()).isEqualTo("s3://photos/lib/");
    assertThat(config.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void awsItselfKeepsTheSdkDefaults() {
    S3Config config = S3Config.builder().bucket("photos").region("eu-west-1").build();
    assertThat(config.pathStyle()).isFalse();
    assertThat(config.checksumMode()).isEqualTo(ChecksumMode.WHEN_SUPPORTED);
    assertThat(config.sendChecksumSha256()).isTrue();
    assertThat(config.credentials()).isNull();
  }

  @Test
  void leanReadsAreOnByDefaultAndCanBeTurnedOffFromTheEnvironment() {
    var env = new java.util.HashMap<>(java.util.Map.of("LIGHTBOX_S3_ENDPOINT", "http://127.0.0.1:9000",
        "LIGHTBOX_S3_BUCKET", "photos", "LIGHTBOX_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "LIGHTBOX_S3_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"));
    assertThat(S3Environment.configure(env, null).build().leanReads()).isTrue();
    env.put("LIGHTBOX_S3_LEAN_READS", "false");
    assertThat(S3Environment.configure(env, null).build().leanReads()).isFalse();
    env.put("LIGHTBOX_S3_LEAN_READS", "maybe");
    assertThatThrownBy(() -> S3Environment.configure(env, null)).isInstanceOf(StorageException.class)
        .hasMessageContaining("LIGHTBOX_S3_LEAN_READS");
  }

  @Test
  void badSettingsAreRefusedWithTheReason() {
    assertInvalid(S3Config.builder(), "bucket name");
    assertInvalid(S3Config.builder().bucket("b").partSize(1024), "bucket name");
    assertInvalid(S3Config.builder().bucket("photos").partSize(1024), "part size");
    assertInvalid(S3Config.builder().bucket("photos").endpoint("ftp://x"), "http or https");
    assertInvalid(S3Config.builder().bucket("photos").keyPrefix("/abs"), "relative");
    assertInvalid(S3Config.builder().bucket("photos").concurrency(0), "concurrency");
    assertInvalid(S3Config.builder().bucket("photos").maxBatchDelete(1001), "batch delete");
    assertThatThrownBy(() -> S3Credentials.of("id", " ")).isInstanceOf(StorageException.class);
  }

  private static void assertInvalid(S3Config.Builder builder, String reason) {
    assertThatThrownBy(builder::build).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_ARGUMENT);
      assertThat(e.getMessage()).contains(reason);
    });
  }
}
