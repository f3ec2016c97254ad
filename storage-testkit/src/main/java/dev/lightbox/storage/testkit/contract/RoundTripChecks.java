package dev.lightbox.storage.testkit.contract;

import static dev.lightbox.storage.testkit.TestData.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.CountingProgress;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.testkit.TestData;

/** Round trips of every size that matters, known and unknown length, and what a put must refuse. */
final class RoundTripChecks {
  private final ContractContext context;
  private final BlobStore store;
  private final String base;

  private RoundTripChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
    this.base = context.base();
  }

  static void register(ContractRegistry registry) {
    registry.group("round trip", RoundTripChecks::new)
        .cases("roundTripKnownLength", "%d bytes from a stream of known length",
            List.of(0, 1, 5 * MIB - 1, 5 * MIB, 5 * MIB + 1), RoundTripChecks::roundTripKnownLength)
        .cases("roundTripUnknownLength", "%d bytes from a stream of unknown length",
            List.of(0, 1, 1000, 5 * MIB + 1, 12 * MIB + 3), RoundTripChecks::roundTripUnknownLength)
        .check("largeObjectOf64MiB", RoundTripChecks::largeObjectOf64MiB)
        .check("putReplacesWholeObject", RoundTripChecks::putReplacesWholeObject)
        .check("missingObjectsAreNotFound", RoundTripChecks::missingObjectsAreNotFound)
        .check("declaredLengthMustMatchAndNothingIsStoredOtherwise",
            RoundTripChecks::declaredLengthMustMatchAndNothingIsStoredOtherwise)
        .check("aLargePutWithAKnownHashIsStoredAndAWrongHashLeavesTheOldObject",
            RoundTripChecks::aLargePutWithAKnownHashIsStoredAndAWrongHashLeavesTheOldObject)
        .check("expectedHashMismatchStoresNothing", RoundTripChecks::expectedHashMismatchStoresNothing);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }

  void roundTripKnownLength(int size) {
    byte[] data = TestData.bytes(size, size);
    CountingProgress progress = new CountingProgress();
    BlobInfo info = store.put(key("obj"), new ByteArrayInputStream(data), size,
        PutOptions.builder().contentType("application/x-test").progress(progress).build());

    assertThat(info.size()).isEqualTo(size);
    assertThat(info.sha256()).isEqualTo(TestData.sha256(data));
    assertThat(info.contentType()).isEqualTo("application/x-test");
    assertThat(progress.bytes()).isEqualTo(size);
    assertThat(TestData.readAll(store.get(key("obj")))).isEqualTo(data);
    BlobInfo head = store.head(key("obj"));
    assertThat(head.size()).isEqualTo(size);
    assertThat(head.sha256()).isEqualTo(info.sha256());
  }

  void roundTripUnknownLength(int size) {
    byte[] data = TestData.bytes(size, size + 7);
    CountingProgress progress = new CountingProgress();
    BlobInfo info = store.put(key("u"), TestData.unknownLength(data), -1,
        PutOptions.builder().progress(progress).build());

    assertThat(info.size()).isEqualTo(size);
    assertThat(info.sha256()).isEqualTo(TestData.sha256(data));
    assertThat(progress.bytes()).isEqualTo(size);
    assertThat(TestData.readAll(store.get(key("u")))).isEqualTo(data);
  }

  void largeObjectOf64MiB() {
    long size = 64L * MIB;
    String expected = TestData.sha256Of(TestData.generated(size, 64));
    CountingProgress progress = new CountingProgress();
    BlobInfo info = store.put(key("big"), TestData.generated(size, 64), size,
        PutOptions.builder().progress(progress).build());

    assertThat(info.size()).isEqualTo(size);
    assertThat(info.sha256()).isEqualTo(expected);
    assertThat(progress.bytes()).isEqualTo(size);
    try (var in = store.get(key("big"))) {
      assertThat(TestData.sha256Of(in)).isEqualTo(expected);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void putReplacesWholeObject() {
    store.put(key("r"), new ByteArrayInputStream(TestData.bytes(5000, 1)), 5000, PutOptions.DEFAULTS);
    byte[] second = TestData.bytes(10, 2);
    store.put(key("r"), new ByteArrayInputStream(second), 10, PutOptions.DEFAULTS);
    assertThat(TestData.readAll(store.get(key("r")))).isEqualTo(second);
  }

  void missingObjectsAreNotFound() {
    assertThat(store.headOrNull(key("missing"))).isNull();
    assertThat(store.exists(key("missing"))).isFalse();
    assertThatThrownBy(() -> store.head(key("missing")))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains(base + "missing");
        });
    assertThatThrownBy(() -> store.get(key("missing")))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  void declaredLengthMustMatchAndNothingIsStoredOtherwise() {
    byte[] data = TestData.bytes(100, 3);
    assertThatThrownBy(() -> store.put(key("short"), new ByteArrayInputStream(data), 200, PutOptions.DEFAULTS))
        .isInstanceOf(StorageException.class);
    assertThat(store.exists(key("short"))).isFalse();
  }

  void aLargePutWithAKnownHashIsStoredAndAWrongHashLeavesTheOldObject() {
    int size = 12 * MIB + 5;
    byte[] data = TestData.bytes(size, 21);
    String sha256 = TestData.sha256(data);
    BlobInfo info = store.put(key("known"), new ByteArrayInputStream(data), size,
        PutOptions.builder().expectedSha256(sha256).metadata("origin", "known").build());
    assertThat(info.sha256()).isEqualTo(sha256);
    assertThat(store.head(key("known")).sha256()).isEqualTo(sha256);
    assertThat(store.head(key("known")).userMetadata()).containsEntry("origin", "known");
    assertThat(TestData.readAll(store.get(key("known")))).isEqualTo(data);

    byte[] other = TestData.bytes(size, 22);
    assertThatThrownBy(() -> store.put(key("fresh"), new ByteArrayInputStream(other), size,
        PutOptions.builder().expectedSha256(sha256).build()))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
    assertThat(store.exists(key("fresh"))).isFalse();
    assertThatThrownBy(() -> store.put(key("known"), new ByteArrayInputStream(other), size,
        PutOptions.builder().expectedSha256(sha256).build()))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
    assertThat(store.head(key("known")).sha256()).as("the object before the refused put").isEqualTo(sha256);
    assertThat(TestData.readAll(store.get(key("known")))).isEqualTo(data);
  }

  void expectedHashMismatchStoresNothing() {
    byte[] data = TestData.bytes(1000, 4);
    PutOptions options = PutOptions.builder().expectedSha256(TestData.sha256(new byte[] {1})).build();
    assertThatThrownBy(() -> store.put(key("h"), new ByteArrayInputStream(data), data.length, options))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTEGRITY));
    assertThat(store.exists(key("h"))).isFalse();
  }
}
