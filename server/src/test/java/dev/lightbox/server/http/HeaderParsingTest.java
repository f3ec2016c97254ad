package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.serving.Conditional;
import dev.lightbox.server.serving.ContentDisposition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeaderParsingTest {
  @Test
  void readsDispositionParametersWithQuotedSemicolonsAndRfc5987Names() {
    String h = "form-data; name=\"file\"; filename=\"a; b \\\"c\\\".png\"";
    assertThat(MultipartUpload.parameter(h, "name")).isEqualTo("file");
    assertThat(MultipartUpload.parameter(h, "filename")).isEqualTo("a; b \"c\".png");
    assertThat(MultipartUpload.decodeExtended("UTF-8''caf%C3%A9+1.png")).isEqualTo("café+1.png");
    assertThat(FileNames.clean("C:\\fakepath\\..\\photo.jpg")).isEqualTo("photo.jpg");
    assertThat(FileNames.clean("../..")).isEqualTo("upload");
  }

  @Test
  void writesDispositionsWithAnAsciiFallback() {
    assertThat(ContentDisposition.of("inline", "plain.jpg")).isEqualTo("inline; filename=\"plain.jpg\"");
    assertThat(ContentDisposition.of("attachment", "日本.png"))
        .isEqualTo("attachment; filename=\"__.png\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png");
  }

  @Test
  void evaluatesConditionsInTheOrderOfRfc9110() {
    Instant lm = Instant.parse("2026-01-02T03:04:05.678Z");
    String date = Conditional.httpDate(lm);
    assertThat(date).isEqualTo("Fri, 02 Jan 2026 03:04:05 GMT");
    assertThat(Conditional.evaluate(null, null, "\"a\", \"b\"", date, "\"b\"", lm, true))
        .isEqualTo(Conditional.Outcome.NOT_MODIFIED);
    assertThat(Conditional.evaluate(null, null, "\"a\"", date, "\"b\"", lm, true))
        .as("If-None-Match wins over If-Modified-Since").isEqualTo(Conditional.Outcome.PROCEED);
    assertThat(Conditional.evaluate(null, null, null, "Fri, 02 Jan 2026 03:04:04 GMT", "\"b\"", lm, true))
        .isEqualTo(Conditional.Outcome.PROCEED);
    assertThat(Conditional.evaluate(null, "Fri, 02 Jan 2026 03:04:04 GMT", null, null, "\"b\"", lm, true))
        .isEqualTo(Conditional.Outcome.PRECONDITION_FAILED);
    assertThat(Conditional.ifRangeAllows(date, "\"b\"", lm)).isTrue();
    assertThat(Conditional.ifRangeAllows("W/\"b\"", "\"b\"", lm)).isFalse();
  }
}
