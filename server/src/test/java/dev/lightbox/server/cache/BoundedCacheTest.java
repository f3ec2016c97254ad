package dev.lightbox.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one cache policy: weight bound, time to live, CLOCK eviction, replacement and invalidation. */
class BoundedCacheTest {
  private final AtomicLong now = new AtomicLong();

  private BoundedCache<String, String> byCount(int max, Duration ttl) {
    return new BoundedCache<>(max, v -> 1, ttl, now::get);
  }

  @Test
  void anEntryLivesItsTimeToLiveThenIsLoadedAgain() {
    BoundedCache<String, String> cache = byCount(10, Duration.ofSeconds(5));
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
    now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
    assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
    now.addAndGet(1);
    assertThat(cache.get("k")).isNull();
    assertThat(cache.get("k", k -> "v" + loads.incrementAndGet())).isEqualTo("v2");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aLoaderThatFindsNothingForgetsTheKey() {
    BoundedCache<String, String> cache = byCount(10, null);
    cache.put("k", "v");
    cache.invalidate("k");
    assertThat(cache.get("k", k -> null)).isNull();
    assertThat(cache.size()).isZero();
    assertThat(cache.weight()).isZero();
  }

  @Test
  void theBoundHoldsAndAnEntryInUseSurvivesWhileUnusedOnesGo() {
    BoundedCache<String, String> cache = byCount(3, null);
    cache.put("hot", "h");
    for (int i = 0; i < 100; i++) {
      assertThat(cache.get("hot")).as("after " + i).isEqualTo("h");
      cache.put("k" + i, "v");
      assertThat(cache.weight()).isLessThanOrEqualTo(3);
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("k99")).isEqualTo("v");
    assertThat(cache.get("k0")).isNull();
  }

  @Test
  void expiredEntriesGoFirstEvenWhenTheyWereUsed() {
    BoundedCache<String, String> cache = byCount(2, Duration.ofSeconds(1));
    cache.put("old", "o");
    cache.get("old");
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    cache.put("a", "a");
    cache.get("a");
    cache.put("b", "b");
    assertThat(cache.get("a")).isEqualTo("a");
    assertThat(cache.get("b")).isEqualTo("b");
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void replacingAndInvalidatingKeepTheWeightRight() {
    BoundedCache<String, byte[]> cache = new BoundedCache<>(1000, b -> b.length, null, now::get);
    for (int i = 0; i < 10_000; i++) {
      cache.put("same", new byte[i % 100]);
    }
    assertThat(cache.weight()).isEqualTo(9_999 % 100);
    cache.invalidate("same");
    assertThat(cache.weight()).isZero();
    cache.put("big", new byte[1001]);
    assertThat(cache.get("big")).as("heavier than the whole bound").isNull();
    cache.put("a", new byte[600]);
    cache.put("b", new byte[600]);
    assertThat(cache.weight()).isEqualTo(600);
    assertThat(cache.get("b")).hasSize(600);
    cache.clear();
    assertThat(cache.weight() + cache.size()).isZero();
  }

  @Test
  void aCapacityOfZeroKeepsNothing() {
    BoundedCache<String, String> cache = byCount(0, null);
    cache.put("k", "v");
    assertThat(cache.get("k")).isNull();
    assertThat(cache.size()).isZero();
  }
}
