package dev.lightbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void parsesAndResolvesHttpRanges() {
    assertThat(ByteRange.parseHttp("bytes=0-0").resolve(10).contentRange()).isEqualTo("bytes 0-0/10");
    assertThat(ByteRange.parseHttp("bytes=5-").resolve(10).contentRange()).isEqualTo("bytes 5-9/10");
    assertThat(ByteRange.parseHttp("bytes=-3").resolve(10).contentRange()).isEqualTo("bytes 7-9/10");
    assertThat(ByteRange.parseHttp("bytes=-30").resolve(10).contentRange()).isEqualTo("bytes 0-9/10");
    assertThat(ByteRange.parseHttp("bytes=8-100").resolve(10).contentRange()).isEqualTo("bytes 8-9/10");
    assertThat(ByteRange.parseHttp("bytes=10-").resolve(10)).isNull();
    assertThat(ByteRange.suffix(1).resolve(0)).isNull();
  }

  @Test
  void aZeroSuffixIsUnsatisfiableNotTheWholeObject() {
    assertThatThrownBy(() -> ByteRange.parseHttp("bytes=-0")).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.RANGE_NOT_SATISFIABLE));
    assertThatThrownBy(() -> ByteRange.suffix(0)).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_ARGUMENT));
  }

  @Test
  void refusesMalformedRanges() {
    for (String bad : new String[] {"bytes=5-1", "items=0-1", "bytes=0-1,3-4", "bytes=x-", "bytes=-", null}) {
      assertThatThrownBy(() -> ByteRange.parseHttp(bad)).isInstanceOf(StorageException.class);
    }
  }
}
