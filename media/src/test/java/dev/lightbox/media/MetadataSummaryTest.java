package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.MetadataValueCodec;
import dev.lightbox.storage.UserMetadata;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataSummaryTest {
  static MediaAnalysis withPrompt(String prompt) {
    AiMetadata ai = new AiMetadata("ComfyUI", prompt, "neg", "modelX", 42L, 20, "euler", 7.0, 1024, 1024, "{}",
        Map.of(), false, null);
    PhotoMetadata photo = new PhotoMetadata("Apple", "iPhone 12", null, 52.1, 4.6, null, "+02:00");
    return new MediaAnalysis(MediaAnalysis.Kind.IMAGE, "image/png", 1024, 1024, 1,
        OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), null, photo, ai, "{}", List.of());
  }

  @Test
  void shortSummaryKeepsEverything() {
    Map<String, String> m = MetadataSummary.of(withPrompt("a cat"));
    assertThat(m).containsEntry("ai-prompt", "a cat").containsEntry("ai-seed", "42")
        .containsEntry("ai-model", "modelX").containsEntry("media-camera", "Apple iPhone 12")
        .containsEntry("media-taken", "2024-01-02T03:04:05+02:00").containsEntry("media-gps", "52.1,4.6");
    m.keySet().forEach(k -> assertThat(UserMetadata.nameProblem(k)).isNull());
  }

  @Test
  void longNonAsciiPromptIsCutToTheEncodedBudget() {
    String prompt = "テスト😀 ".repeat(2000) + "end";
    Map<String, String> m = MetadataSummary.of(withPrompt(prompt));
    assertThat(UserMetadata.encodedSize(m)).isLessThanOrEqualTo(MetadataSummary.MAX_ENCODED_BYTES)
        .isGreaterThan(MetadataSummary.MAX_ENCODED_BYTES - 16);
    String cut = m.get("ai-prompt");
    assertThat(cut).startsWith("テスト😀").endsWith("...");
    assertThat(MetadataValueCodec.decode(MetadataValueCodec.encode(cut))).isEqualTo(cut);
    assertThat(cut.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
        .isEqualTo(cut.chars().filter(c -> Character.isLowSurrogate((char) c)).count());
    assertThat(m).containsKeys("ai-seed", "ai-model", "media-kind");
  }

  @Test
  void promptWhitespaceIsFlattened() {
    assertThat(MetadataSummary.of(withPrompt("line1\nline2\t x")).get("ai-prompt")).isEqualTo("line1 line2 x");
  }
}
