package dev.lightbox.storage.s3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.storage.s3.S3Config;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where the lean read path steps aside for the SDK, which honours proxies and endpoint variants. */
class LeanReadsSupportTest {
  private final S3Config config = S3Config.builder().bucket("photos").region("us-east-1")
      .endpoint(URI.create("http://127.0.0.1:9000")).build();

  @Test
  void aPlainEndpointWithNoProxyGoesLean() {
    assertThat(LeanObjectFetcher.supports(config, Map.of(), new Properties())).isTrue();
    assertThat(LeanObjectFetcher.supports(config, Map.of("AWS_USE_FIPS_ENDPOINT", "false"), new Properties())).isTrue();
  }

  @Test
  void aProxyOrAnEndpointVariantKeepsTheSdk() {
    assertThat(LeanObjectFetcher.supports(config, Map.of("HTTPS_PROXY", "http://proxy:3128"), new Properties()))
        .isFalse();
    assertThat(LeanObjectFetcher.supports(config, Map.of("http_proxy", "http://proxy:3128"), new Properties()))
        .isFalse();
    assertThat(LeanObjectFetcher.supports(config, Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true"), new Properties()))
        .isFalse();
    Properties props = new Properties();
    props.setProperty("https.proxyHost", "proxy");
    assertThat(LeanObjectFetcher.supports(config, Map.of(), props)).isFalse();
  }
}
