package dev.lightbox.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.assets.Location;
import dev.lightbox.storage.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The byte bound, CLOCK eviction and the hash check of the serving cache (its HTTP use: ObjectCacheServingTest). */
class ObjectCacheTest {
  private static final Location A = Location.parse("s3:library/a.webp");

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aSecondLoadIsAHitAndReadsNothing() throws Exception {
    ObjectCache cache = new ObjectCache(1 << 20, 64 * 1024);
    byte[] v1 = bytes("version one");
    AtomicInteger reads = new AtomicInteger();
    assertThat(cache.load(A, Sha256.hex(v1), () -> { reads.incrementAndGet(); return v1; })).isEqualTo(v1);
    assertThat(cache.load(A, Sha256.hex(v1), () -> { reads.incrementAndGet(); return v1; })).isEqualTo(v1);
    assertThat(reads).hasValue(1);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void anObjectReplacedAtTheSameLocationIsReadAgainNeverServedOld() throws Exception {
    ObjectCache cache = new ObjectCache(1 << 20, 64 * 1024);
    byte[] v1 = bytes("version one");
    byte[] v2 = bytes("version two, longer");
    cache.load(A, Sha256.hex(v1), () -> v1);
    assertThat(cache.getIfPresent(A, Sha256.hex(v2))).isNull();
    assertThat(cache.load(A, Sha256.hex(v2), () -> v2)).isEqualTo(v2);
    assertThat(cache.getIfPresent(A, Sha256.hex(v2))).isEqualTo(v2);
    assertThat(cache.getIfPresent(Location.parse("disk:library/a.webp"), Sha256.hex(v2))).isNull();
  }

  @Test
  void bytesThatDoNotHashToTheCatalogValueAreServedButNotKept() throws Exception {
    ObjectCache cache = new ObjectCache(1 << 20, 64 * 1024);
    String catalogHash = Sha256.hex(bytes("what the catalog recorded"));
    byte[] other = bytes("what the store holds now");
    assertThat(cache.load(A, catalogHash, () -> other)).isEqualTo(other);
    assertThat(cache.getIfPresent(A, catalogHash)).isNull();
    assertThat(cache.entries()).isZero();
  }

  @Test
  void theTotalStaysWithinTheBoundAndRecentlyUsedEntriesSurvive() throws Exception {
    int size = 1000;
    long capacity = 20L * (size + ObjectCache.ENTRY_OVERHEAD);
    ObjectCache cache = new ObjectCache(capacity, 64 * 1024);
    byte[][] objects = IntStream.range(0, 100).mapToObj(i -> {
      byte[] b = new byte[size];
      b[0] = (byte) i;
      b[1] = (byte) (i >> 8);
      return b;
    }).toArray(byte[][]::new);
    Location hot = Location.parse("s3:hot");
    byte[] hotBytes = objects[0];
    cache.load(hot, Sha256.hex(hotBytes), () -> hotBytes);
    for (int i = 1; i < objects.length; i++) {
      byte[] b = objects[i];
      cache.load(Location.parse("s3:k" + i), Sha256.hex(b), () -> b);
      assertThat(cache.size()).isLessThanOrEqualTo(capacity);
      assertThat(cache.getIfPresent(hot, Sha256.hex(hotBytes))).as("the hot entry, after " + i).isNotNull();
    }
    assertThat(cache.entries()).isEqualTo(20);
    assertThat(cache.size()).isEqualTo(capacity);
    assertThat(cache.getIfPresent(Location.parse("s3:k1"), Sha256.hex(objects[1]))).isNull();
    assertThat(cache.getIfPresent(Location.parse("s3:k99"), Sha256.hex(objects[99]))).isNotNull();
  }

  @Test
  void largeObjectsAndACacheOfSizeZeroKeepNothing() throws Exception {
    byte[] big = new byte[70 * 1024];
    ObjectCache cache = new ObjectCache(64L << 20, 64 * 1024);
    assertThat(cache.accepts(big.length)).isFalse();
    cache.load(A, Sha256.hex(big), () -> big);
    assertThat(cache.entries()).isZero();

    ObjectCache off = new ObjectCache(0, 64 * 1024);
    byte[] small = bytes("small");
    AtomicInteger reads = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThat(off.load(A, Sha256.hex(small), () -> { reads.incrementAndGet(); return small; })).isEqualTo(small);
    }
    assertThat(off.enabled()).isFalse();
    assertThat(off.accepts(small.length)).isFalse();
    assertThat(reads).hasValue(3);
    assertThat(off.hits() + off.misses() + off.size()).isZero();
  }

  @Test
  void oneObjectTakesAtMostAnEighthOfASmallCache() {
    ObjectCache cache = new ObjectCache(8 * 1024, 64 * 1024);
    assertThat(cache.accepts(1024)).isTrue();
    assertThat(cache.accepts(1025)).isFalse();
  }
}
