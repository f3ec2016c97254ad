package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void credentialHeadersAreMasked() {
    assertThat(Redactor.redact("x-api-key: lbk_abc123DEF")).isEqualTo("x-api-key: ***");
    assertThat(Redactor.redact("Authorization: Bearer s3cr3t-token\r\nHost: x")).isEqualTo("Authorization: ***\r\nHost: x");
    assertThat(Redactor.redact("HttpFields{Cookie: lightbox_session=abcDEF123; theme=dark\\r\\nAccept: */*}"))
        .doesNotContain("abcDEF123").contains("Accept: */*");
    assertThat(Redactor.redact("Set-Cookie=lightbox_session=tok; Path=/")).doesNotContain("tok;");
    assertThat(Redactor.redact("x-amz-security-token: FQoGZXIvYXdzE")).doesNotContain("FQoGZXIvYXdzE");
  }

  @Test
  void jsonSecretsAreMasked() {
    assertThat(Redactor.redact("{\"email\":\"a@b\",\"password\":\"hunter2\"}"))
        .isEqualTo("{\"email\":\"a@b\",\"password\":\"***\"}");
    assertThat(Redactor.redact("{\"key\":\"lbk_x\", \"secretAccessKey\" : \"abc\", \"sessionToken\":\"t\"}"))
        .doesNotContain("lbk_x").doesNotContain("abc").doesNotContain("\"t\"");
  }

  @Test
  void presignedUrlsAndKeysAreMasked() {
    String url = "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
        + "%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=deadbeef0123&X-Amz-Expires=3600";
    String out = Redactor.redact("redirect to " + url);
    assertThat(out).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("deadbeef0123")
        .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256").contains("X-Amz-Expires=3600");
    assertThat(Redactor.redact("key id AKIAIOSFODNN7EXAMPLE in use")).isEqualTo("key id AKIA*** in use");
    assertThat(Redactor.redact("lightbox_session=abc.def-ghi")).isEqualTo("lightbox_session=***");
    assertThat(Redactor.redact("login?password=hunter2&next=/")).isEqualTo("login?password=***&next=/");
  }

  @Test
  void rawBufferDumpsAreMaskedWhole() {
    String dump = "parseNext s=CONTENT jn.DirectByteBuffer@7dc[p=262,l=324,c=8192,r=62]={POST /api...son\\r\\n\\r\\n"
        + "<<<{\"email\":\"admin@localhost...rse-tail-of-a-secret\"}>>>\\x00\\x00...\\x00} for conn";
    assertThat(Redactor.redact(dump)).isEqualTo(
        "parseNext s=CONTENT jn.DirectByteBuffer@7dc[p=262,l=324,c=8192,r=62]={<<<***>>>} for conn");
  }

  @Test
  void ordinaryLinesAreLeftAlone() {
    String line = "12:00:00.000 INFO  d.l.s.LightboxServer - started on port 2283 with 12 assets (key prefix lb/)";
    assertThat(Redactor.redact(line)).isEqualTo(line);
  }
}
