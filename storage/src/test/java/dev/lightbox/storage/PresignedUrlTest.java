package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PresignedUrlTest {
  @Test
  void toStringRedactsSignatureCredentialAndToken() {
    PresignedUrl url = new PresignedUrl("GET", URI.create("https://b.example/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDSECRET%2F20260101&X-Amz-Signature=deadbeefcafe&X-Amz-Security-Token=tok123"),
        Instant.EPOCH, Map.of());
    assertThat(url.toString()).doesNotContain("deadbeefcafe", "AKIDSECRET", "tok123").contains("REDACTED")
        .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
  }
}
