package dev.lightbox.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The test servers start, serve their bucket, and S3Proxy refuses unsigned requests. */
class S3TestServersTest {

  @Test
  void s3proxyStartsWithItsBucketAndEnforcesSignatures() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start("smoke");
        HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest unsigned = HttpRequest.newBuilder(server.endpoint().resolve("/smoke")).GET().build();
      HttpResponse<String> response = http.send(unsigned, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(server.info().toString()).doesNotContain(server.info().secretKey());
      assertThat(server.dataDir().resolve("smoke")).isDirectory();
    }
  }

  @Test
  void s3mockStartsAsAProcessAndStopsOnClose() throws Exception {
    S3MockServer server = S3MockServer.start("smoke");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest list = HttpRequest.newBuilder(server.endpoint().resolve("/smoke")).GET().build();
      HttpResponse<String> response = http.send(list, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("<Name>smoke</Name>");
      assertThat(server.createBucket("second")).isEqualTo("second");
    } finally {
      server.close();
    }
  }
}
