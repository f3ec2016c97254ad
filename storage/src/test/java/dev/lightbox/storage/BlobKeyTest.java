package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeyTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "library/1/2026/01/x.jpg", "фото/日本語.png", "with space.txt", "a..b/c..d",
      ".hidden", "emoji 🎨"})
  void acceptsOrdinaryKeys(String value) {
    assertThat(BlobKey.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs", "a/../b", "..", "a/./b", "a//b", "trailing/", "tab\there", "nul\u0000",
      "back\\slash", "del\u007f"})
  void refusesUnsafeKeysWithAReason(String value) {
    assertThatThrownBy(() -> BlobKey.of(value))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_KEY);
          assertThat(e.getMessage()).contains("a key must");
        });
  }

  @org.junit.jupiter.api.Test
  void limitsKeysTo1024BytesOfUtf8() {
    assertThat(BlobKey.of("é".repeat(512)).value()).hasSize(512);
    assertThatThrownBy(() -> BlobKey.of("é".repeat(513))).hasMessageContaining("1024 bytes");
    assertThatThrownBy(() -> BlobKey.of("a\uD800b")).hasMessageContaining("surrogate");
  }
}
