package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {
  @Test
  void acceptsOriginsAsBrowsersSendThem() {
    assertThat(CorsPolicy.checkOrigin("https://Photos.Example.com", false)).isEqualTo("https://photos.example.com");
    assertThat(CorsPolicy.checkOrigin("http://localhost:3000", false)).isEqualTo("http://localhost:3000");
    assertThat(CorsPolicy.checkOrigin("https://a.example:443", false)).isEqualTo("https://a.example");
    assertThat(CorsPolicy.checkOrigin("http://127.0.0.1:8080", false)).isEqualTo("http://127.0.0.1:8080");
    assertThat(CorsPolicy.forOrigins(List.of("https://a.example")).origins()).containsExactly("https://a.example");
  }

  @Test
  void refusesWhatNoBrowserSends() {
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://a.example/", false))
        .hasMessageContaining("ends with a slash").hasMessageContaining("'https://a.example'");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://a.example/app", false)).hasMessageContaining("has a path");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://a.example?x=1", false)).hasMessageContaining("query");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("ftp://a.example", false)).hasMessageContaining("http or https");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("a.example", false)).hasMessageContaining("scheme://host");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://a_b.example", false)).hasMessageContaining("invalid host");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://a.example:70000", false)).hasMessageContaining("port");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://user@a.example", false));
    assertThatThrownBy(() -> CorsPolicy.forOrigins(List.of())).hasMessageContaining("at least one origin");
  }

  @Test
  void wildcardsOnlyWhenForced() {
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("*", false)).hasMessageContaining("every web site");
    assertThatThrownBy(() -> CorsPolicy.checkOrigin("https://*.example.com", false)).hasMessageContaining("wildcard");
    assertThat(CorsPolicy.checkOrigin("*", true)).isEqualTo("*");
    assertThat(CorsPolicy.checkOrigin("https://*.example.com", true)).isEqualTo("https://*.example.com");
  }
}
