package dev.lightbox.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-request shortcuts of the lean read path give exactly what the general code gives. */
class LeanRequestCachesTest {
  private static final String EMPTY = LeanObjectFetcher.EMPTY_SHA256;

  @Test
  void lastModifiedInTheFixedFormatIsReadAsTheGeneralParserReadsIt() {
    for (String value : new String[] {"Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 29 Feb 2032 23:59:59 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT", " Fri, 04 Dec 2026 19:04:20 GMT "}) {
      assertThat(LeanObjectFetcher.httpDate(value))
          .isEqualTo(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    }
    assertThat(LeanObjectFetcher.httpDate("Thu, 1 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Instant.parse("2015-10-01T07:28:00Z"));
    assertThat(LeanObjectFetcher.httpDate("Wed, 30 Feb 2015 07:28:00 GMT")).isNull();
    assertThat(LeanObjectFetcher.httpDate("Mon, 04 Dec 2026 19:04:20 GMT")).isNull(); // a Friday
    assertThat(LeanObjectFetcher.httpDate("Wed, 21 Okt 2015 07:28:00 GMT")).isNull();
    assertThat(LeanObjectFetcher.httpDate("yesterday")).isNull();
    assertThat(LeanObjectFetcher.httpDate(null)).isNull();
  }

  @Test
  void aSignerReusedAcrossSecondsDaysRegionsAndSecretsSignsAsAFreshOne() {
    SigV4 reused = new SigV4();
    Instant[] times = {Instant.parse("2026-12-04T23:59:59Z"), Instant.parse("2026-12-04T23:59:59Z"),
        Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-05T00:00:01Z")};
    for (String secret : new String[] {"secret-one", "secret-two", "secret-one"}) {
      for (String region : new String[] {"us-east-1", "eu-west-1"}) {
        for (Instant time : times) {
          assertThat(sign(reused, time, region, secret)).isEqualTo(sign(new SigV4(), time, region, secret));
        }
      }
    }
  }

  private static SigV4.Signature sign(SigV4 signer, Instant time, String region, String secret) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "bucket.s3.amazonaws.com");
    headers.put("x-amz-content-sha256", EMPTY);
    return signer.sign("GET", "/photos/a%20b.jpg", Map.of(), headers, EMPTY, time, region, "s3", "AKIDEXAMPLE",
        secret);
  }
}
