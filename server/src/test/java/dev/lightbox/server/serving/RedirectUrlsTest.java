package dev.lightbox.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.testing.MutableClock;
import dev.lightbox.storage.PresignedUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Reuse of redirect URLs: within a tenth of their lifetime (at most 5 minutes), per object and disposition. */
class RedirectUrlsTest {
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger minted = new AtomicInteger();
  private final Supplier<PresignedUrl> mint = () -> new PresignedUrl("GET",
      URI.create("http://s3/bucket/key?X-Amz-Signature=" + minted.incrementAndGet()), clock.instant(), Map.of());
  private static final Location THUMB = Location.parse("s3:library/a/thumbnail.webp");

  @Test
  void aUrlIsReusedForATenthOfItsLifetimeThenSignedAgain() {
    RedirectUrls urls = new RedirectUrls(Duration.ofSeconds(600), clock);
    PresignedUrl first = urls.get(THUMB, "image/webp", "inline", mint);
    clock.advance(Duration.ofSeconds(59));
    assertThat(urls.get(THUMB, "image/webp", "inline", mint)).isSameAs(first);
    clock.advance(Duration.ofSeconds(1));
    assertThat(urls.get(THUMB, "image/webp", "inline", mint)).isNotEqualTo(first);
    assertThat(minted).hasValue(2);
  }

  @Test
  void theReuseWindowIsAtMostFiveMinutes() {
    RedirectUrls urls = new RedirectUrls(Duration.ofDays(7), clock);
    PresignedUrl first = urls.get(THUMB, "image/webp", "inline", mint);
    clock.advance(Duration.ofMinutes(5));
    assertThat(urls.get(THUMB, "image/webp", "inline", mint)).isNotEqualTo(first);
  }

  @Test
  void anotherDispositionTypeOrObjectGetsItsOwnUrl() {
    RedirectUrls urls = new RedirectUrls(Duration.ofHours(1), clock);
    PresignedUrl inline = urls.get(THUMB, "image/webp", "inline", mint);
    assertThat(urls.get(THUMB, "image/webp", "attachment", mint)).isNotEqualTo(inline);
    assertThat(urls.get(THUMB, "image/png", "inline", mint)).isNotEqualTo(inline);
    assertThat(urls.get(Location.parse("s3:library/b/thumbnail.webp"), "image/webp", "inline", mint))
        .isNotEqualTo(inline);
    assertThat(urls.get(THUMB, "image/webp", "inline", mint)).isSameAs(inline);
    assertThat(minted).hasValue(4);
  }

  @Test
  void shortLifetimesAreNeverReusedAndTheMapStaysBounded() {
    RedirectUrls brief = new RedirectUrls(Duration.ofSeconds(9), clock);
    brief.get(THUMB, "image/webp", "inline", mint);
    brief.get(THUMB, "image/webp", "inline", mint);
    assertThat(minted).hasValue(2);
    assertThat(brief.size()).isZero();

    RedirectUrls urls = new RedirectUrls(Duration.ofHours(1), clock);
    for (int i = 0; i < RedirectUrls.MAX_ENTRIES + 10; i++) {
      urls.get(Location.parse("s3:k" + i), "image/webp", "inline", mint);
    }
    assertThat(urls.size()).isLessThanOrEqualTo(RedirectUrls.MAX_ENTRIES);
  }
}
