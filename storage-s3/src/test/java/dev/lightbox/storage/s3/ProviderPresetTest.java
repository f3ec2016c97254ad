package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.StorageException;

class ProviderPresetTest {
  private static S3Config.Builder bucket() {
    return S3Config.builder().bucket("photos").credentials("AKIDEXAMPLE", "secret-not-shown");
  }

  @Test
  void presetsFillEndpointRegionAndAddressing() {
    S3Config b2 = bucket().preset(ProviderPreset.B2).region("us-west-004").build();
    assertThat(b2.endpoint()).isEqualTo(URI.create("https://s3.us-west-004.backblazeb2.com"));
    assertThat(b2.pathStyle()).isFalse();
    assertThat(b2.sendChecksumSha256()).isFalse();
    assertThat(b2.checksumMode()).isEqualTo(ChecksumMode.WHEN_REQUIRED);

    S3Config r2 = bucket().preset("r2").accountId("abc123").build();
    assertThat(r2.endpoint()).isEqualTo(URI.create("https://abc123.r2.cloudflarestorage.com"));
    assertThat(r2.region()).isEqualTo("auto");
    assertThat(r2.maxBatchDelete()).isEqualTo(700);
    assertThat(r2.multipartEqualParts()).isTrue();

    S3Config wasabi = bucket().preset(ProviderPreset.WASABI).region("eu-central-1").build();
    assertThat(wasabi.endpoint()).hasToString("https://s3.eu-central-1.wasabisys.com");
    S3Config spaces = bucket().preset(ProviderPreset.DIGITALOCEAN).build();
    assertThat(spaces.endpoint()).hasToString("https://nyc3.digitaloceanspaces.com");
    S3Config gcs = bucket().preset(ProviderPreset.GCS).build();
    assertThat(gcs.endpoint()).hasToString("https://storage.googleapis.com");
    assertThat(gcs.region()).isEqualTo("auto");
    assertThat(gcs.maxBatchDelete()).isEqualTo(1);

    S3Config aws = bucket().build();
    assertThat(aws.preset()).isEqualTo(ProviderPreset.AWS);
    assertThat(aws.endpoint()).isNull();
    assertThat(aws.pathStyle()).isFalse();
    assertThat(aws.checksumMode()).isEqualTo(ChecksumMode.WHEN_SUPPORTED);
  }

  @Test
  void endpointsAreRecognisedAndTheirRegionRead() {
    S3Config b2 = bucket().endpoint("https://s3.eu-central-003.backblazeb2.com").build();
    assertThat(b2.preset()).isEqualTo(ProviderPreset.B2);
    assertThat(b2.region()).isEqualTo("eu-central-003");
    assertThat(bucket().endpoint("https://acct.r2.cloudflarestorage.com").build().preset())
        .isEqualTo(ProviderPreset.R2);
    S3Config minio = bucket().endpoint("http://127.0.0.1:9000").build();
    assertThat(minio.preset()).isEqualTo(ProviderPreset.CUSTOM);
    assertThat(minio.pathStyle()).isTrue();
    assertThat(minio.region()).isEqualTo("us-east-1");
    assertThat(bucket().preset(ProviderPreset.MINIO).endpoint("http://minio:9000").build().pathStyle()).isTrue();
  }

  @Test
  void missingPiecesAreNamed() {
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.R2).build())
        .isInstanceOf(StorageException.class).hasMessageContaining("account id");
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.B2).build())
        .hasMessageContaining("Backblaze B2 needs the bucket's region");
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.MINIO).build())
        .hasMessageContaining("MinIO needs its endpoint URL");
    assertThatThrownBy(() -> bucket().preset("tape").build()).hasMessageContaining("aws, b2, r2");
  }

  @Test
  void quirksLimitWhatMayBeConfigured() {
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.R2).accountId("a").maxBatchDelete(1000).build())
        .hasMessageContaining("Cloudflare R2 takes at most 700 keys per batch delete");
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.B2).region("us-west-004")
        .encryption(Encryption.sseKms("key")).build())
        .hasMessageContaining("Backblaze B2 does not support SSE_KMS");
    assertThatThrownBy(() -> bucket().preset(ProviderPreset.GCS).encryption(Encryption.sseS3()).build())
        .hasMessageContaining("Google Cloud Storage");
    S3Config ok = bucket().preset(ProviderPreset.B2).region("us-west-004").encryption(Encryption.sseC(
        SseCustomerKey.random())).build();
    assertThat(ok.encryption().mode()).isEqualTo(SseMode.SSE_C);
  }

  @Test
  void capabilitiesFollowTheQuirks() {
    try (S3BlobStore r2 = S3BlobStore.open(bucket().preset(ProviderPreset.R2).accountId("a").build());
        S3BlobStore b2 = S3BlobStore.open(bucket().preset(ProviderPreset.B2).region("us-west-004").build())) {
      assertThat(r2.capabilities().maxBatchDelete()).isEqualTo(700);
      assertThat(r2.capabilities().multipartEqualParts()).isTrue();
      assertThat(r2.capabilities().objectLock()).isFalse();
      assertThat(b2.capabilities().tagging()).isFalse();
      assertThat(b2.capabilities().conditionalWrites()).isFalse();
      assertThat(b2.capabilities().sseModes()).containsExactlyInAnyOrder(SseMode.SSE_S3, SseMode.SSE_C);
      assertThat(b2.quirks().missingKeyAs403()).isTrue();
      assertThat(ProviderPreset.MINIO.quirks().acls()).isFalse();
      assertThat(ProviderPreset.MINIO.quirks().lifecycleAbortMultipart()).isFalse();
    }
  }

  @Test
  void configAndKeysNeverShowSecrets() {
    SseCustomerKey key = SseCustomerKey.random();
    S3Config config = bucket().encryption(Encryption.sseC(key)).build();
    assertThat(config.toString()).contains("AKIDEXAMPLE", "SSE_C").doesNotContain("secret-not-shown", key.base64());
    assertThat(key.toString()).doesNotContain(key.base64());
    assertThatThrownBy(() -> SseCustomerKey.fromBase64("c2hvcnQ=")).hasMessageContaining("exactly 32 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
  }
}
