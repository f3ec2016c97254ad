package dev.lightbox.storage.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.testkit.TestData;

/** Ranged reads, unicode keys and metadata, and the metadata size limit. */
final class RangeMetadataChecks {
  private final ContractContext context;
  private final BlobStore store;
  private final String base;

  private RangeMetadataChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
    this.base = context.base();
  }

  static void register(ContractRegistry registry) {
    registry.group("ranges and metadata", RangeMetadataChecks::new)
        .check("rangesReturnExactlyTheBytesAsked", RangeMetadataChecks::rangesReturnExactlyTheBytesAsked,
            Requirement.RANGES)
        .check("rangeBeyondTheEndIsAClearError", RangeMetadataChecks::rangeBeyondTheEndIsAClearError,
            Requirement.RANGES)
        .check("unicodeKeysAndMetadataSurvive", RangeMetadataChecks::unicodeKeysAndMetadataSurvive)
        .check("metadataOverTheLimitIsRefusedBeforeAnythingIsSent",
            RangeMetadataChecks::metadataOverTheLimitIsRefusedBeforeAnythingIsSent);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }

  private static final int SIZE = 100_000;

  private byte[] putRangeObject(BlobKey key) {
    byte[] data = TestData.bytes(SIZE, 11);
    store.put(key, new ByteArrayInputStream(data), SIZE, PutOptions.DEFAULTS);
    return data;
  }

  private static byte[] slice(byte[] data, int from, int toExclusive) {
    return Arrays.copyOfRange(data, from, toExclusive);
  }

  void rangesReturnExactlyTheBytesAsked() {
    BlobKey key = key("range");
    byte[] data = putRangeObject(key);

    assertRange(key, ByteRange.of(0, 1), slice(data, 0, 1), 0, 0);
    assertRange(key, ByteRange.of(SIZE - 1, 1), slice(data, SIZE - 1, SIZE), SIZE - 1, SIZE - 1);
    assertRange(key, ByteRange.of(1000, 5000), slice(data, 1000, 6000), 1000, 5999);
    assertRange(key, ByteRange.from(99_000), slice(data, 99_000, SIZE), 99_000, SIZE - 1);
    assertRange(key, ByteRange.suffix(500), slice(data, SIZE - 500, SIZE), SIZE - 500, SIZE - 1);
    assertRange(key, ByteRange.suffix(SIZE * 2L), data, 0, SIZE - 1);
    assertRange(key, ByteRange.of(SIZE - 10, 1000), slice(data, SIZE - 10, SIZE), SIZE - 10, SIZE - 1);
  }

  private void assertRange(BlobKey key, ByteRange range, byte[] expected, long first, long last) {
    BlobStream stream = store.getRange(key, range);
    assertThat(stream.range().first()).as("first byte of %s", range).isEqualTo(first);
    assertThat(stream.range().last()).as("last byte of %s", range).isEqualTo(last);
    assertThat(stream.range().totalSize()).isEqualTo(SIZE);
    assertThat(stream.contentLength()).isEqualTo(expected.length);
    assertThat(TestData.readAll(stream)).as("bytes of %s", range).isEqualTo(expected);
  }

  void rangeBeyondTheEndIsAClearError() {
    BlobKey key = key("range-end");
    putRangeObject(key);
    assertThatThrownBy(() -> store.getRange(key, ByteRange.of(SIZE, 10)))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.RANGE_NOT_SATISFIABLE);
          assertThat(e.getMessage()).contains(key.value());
        });
    assertThatThrownBy(() -> store.getRange(key("missing"), ByteRange.of(0, 10)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  void unicodeKeysAndMetadataSurvive() {
    BlobKey key = key("фото/日本語 ファイル 🎨.png");
    Map<String, String> meta = Map.of(
        "prompt", "a cat in a café, 猫, 🐈 — \"quoted\" =?UTF-8?B?notreally?=",
        "plain", "ascii value",
        "spaces", "  leading and trailing  ");
    byte[] data = TestData.bytes(300, 5);
    store.put(key, new ByteArrayInputStream(data), data.length,
        PutOptions.builder().contentType("image/png").cacheControl("public, max-age=60").metadata(meta).build());

    BlobInfo info = store.head(key);
    assertThat(info.userMetadata()).containsAllEntriesOf(meta);
    assertThat(info.contentType()).isEqualTo("image/png");
    assertThat(info.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(TestData.readAll(store.get(key))).isEqualTo(data);
    assertThat(store.list(dev.lightbox.storage.ListRequest.of(base)).objects())
        .extracting(BlobInfo::key).containsExactly(key);
  }

  void metadataOverTheLimitIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> PutOptions.builder().metadata("big", "é".repeat(1200)).build())
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.METADATA_TOO_LARGE);
          assertThat(e.getMessage()).contains("2 KB");
        });
  }
}
