package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The decision of {@link CrossSiteGuard} for each combination of Sec-Fetch-Site, Origin and Referer. */
class CrossSiteGuardTest {
  private static final String OWN = "http://127.0.0.1:8080";

  @Test
  void secFetchSiteDecidesWhenPresent() {
    assertThat(CrossSiteGuard.refusal("same-origin", "http://evil.example", null, OWN)).isNull();
    assertThat(CrossSiteGuard.refusal("none", null, null, OWN)).isNull();
    assertThat(CrossSiteGuard.refusal("same-site", OWN, null, OWN)).contains("Sec-Fetch-Site: same-site");
    assertThat(CrossSiteGuard.refusal("cross-site", null, null, OWN)).contains("Sec-Fetch-Site: cross-site");
    assertThat(CrossSiteGuard.refusal("something-new", null, null, OWN)).isNotNull();
  }

  @Test
  void otherwiseTheOriginThenTheRefererMustMatch() {
    assertThat(CrossSiteGuard.refusal(null, "http://127.0.0.1:8080", null, OWN)).isNull();
    assertThat(CrossSiteGuard.refusal(null, "HTTP://127.0.0.1:8080", "http://evil.example/", OWN)).isNull();
    assertThat(CrossSiteGuard.refusal(null, "http://127.0.0.1:8081", null, OWN)).contains("Origin");
    assertThat(CrossSiteGuard.refusal(null, "http://localhost:8080", null, OWN)).isNotNull();
    assertThat(CrossSiteGuard.refusal(null, "null", null, OWN)).contains("unreadable");
    assertThat(CrossSiteGuard.refusal(null, null, "http://127.0.0.1:8080/gallery", OWN)).isNull();
    assertThat(CrossSiteGuard.refusal(null, null, "http://a.example.com/x", OWN)).contains("Referer");
    assertThat(CrossSiteGuard.refusal(null, null, null, OWN)).as("not from a browser page").isNull();
  }

  @Test
  void defaultPortsAreTheSameOrigin() {
    assertThat(CrossSiteGuard.refusal(null, "https://photos.example", null, "https://photos.example:443")).isNull();
    assertThat(CrossSiteGuard.refusal(null, "http://photos.example", null, "http://photos.example")).isNull();
    assertThat(CrossSiteGuard.refusal(null, "http://photos.example", null, "https://photos.example")).isNotNull();
  }
}
