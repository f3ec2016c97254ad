package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataValueCodecTest {
  @ParameterizedTest
  @ValueSource(strings = {"plain", "", "café", "日本語", "🎨", " padded ", "=?UTF-8?B?Zm9v?=", "line\nbreak", "tab\t"})
  void roundTripsAnyText(String value) {
    String wire = MetadataValueCodec.encode(value);
    assertThat(wire.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).as("wire form is printable ASCII").isTrue();
    assertThat(MetadataValueCodec.decode(wire)).isEqualTo(value);
  }
}
