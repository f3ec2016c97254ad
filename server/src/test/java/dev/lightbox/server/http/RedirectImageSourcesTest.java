package dev.lightbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gallery's policy lets images come from exactly where the store's presigned URLs point, for every
 * preset shape: preset endpoints (R2, B2, Wasabi, Spaces, GCS), virtual-hosted or path-style addressing,
 * AWS regions, self-hosted endpoints with ports.
 */
class RedirectImageSourcesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      r2 (path style, account endpoint)  | LIGHTBOX_S3_PRESET=r2,LIGHTBOX_S3_ACCOUNT_ID=abc123            | https://abc123.r2.cloudflarestorage.com
      b2 (virtual-hosted, region host)   | LIGHTBOX_S3_PRESET=b2,LIGHTBOX_S3_REGION=us-west-004           | https://photos.s3.us-west-004.backblazeb2.com
      wasabi                             | LIGHTBOX_S3_PRESET=wasabi,LIGHTBOX_S3_REGION=eu-central-1      | https://photos.s3.eu-central-1.wasabisys.com
      digitalocean (default region)      | LIGHTBOX_S3_PRESET=digitalocean                                | https://photos.nyc3.digitaloceanspaces.com
      gcs (path style)                   | LIGHTBOX_S3_PRESET=gcs                                         | https://storage.googleapis.com
      b2 endpoint, region from its host  | LIGHTBOX_S3_ENDPOINT=https://s3.eu-central-003.backblazeb2.com | https://photos.s3.eu-central-003.backblazeb2.com
      minio (path style, port)           | LIGHTBOX_S3_PRESET=minio,LIGHTBOX_S3_ENDPOINT=http://minio.lan:9000 | http://minio.lan:9000
      custom virtual-hosted              | LIGHTBOX_S3_ENDPOINT=http://s3.example.test:9000,LIGHTBOX_S3_PATH_STYLE=false | http://photos.s3.example.test:9000
      """)
  void imagesMayComeFromThePresignedUrlsOriginAndNowhereElse(String shape, String settings, String origin) {
    assertThat(WebApp.redirectedImageSources(config("photos", settings))).as(shape).isEqualTo(origin);
  }

  @Test
  void awsAllowsTheBucketsRegionalHostAndAnyAwsHostTheBucketsRegionMayMoveItTo() {
    assertThat(WebApp.redirectedImageSources(config("photos", "LIGHTBOX_S3_REGION=eu-west-1")))
        .isEqualTo("https://photos.s3.eu-west-1.amazonaws.com https://*.amazonaws.com");
    assertThat(WebApp.redirectedImageSources(config("my.photos", "LIGHTBOX_S3_REGION=eu-west-1")))
        .as("a dotted bucket is addressed by path over TLS").isEqualTo(
            "https://s3.eu-west-1.amazonaws.com https://*.amazonaws.com");
  }

  @Test
  void proxyModeAndDiskAllowNothingBesidesTheServer() {
    String r2 = "LIGHTBOX_S3_PRESET=r2,LIGHTBOX_S3_ACCOUNT_ID=abc123,LIGHTBOX_S3_SERVE_MODE=proxy";
    assertThat(WebApp.redirectedImageSources(config("photos", r2))).isEmpty();
    assertThat(WebApp.redirectedImageSources(ConfigLoader.fromMap(Map.of()))).isEmpty();
    String policy = WebApp.contentSecurityPolicy(WebApp.redirectedImageSources(
        config("photos", "LIGHTBOX_S3_PRESET=r2,LIGHTBOX_S3_ACCOUNT_ID=abc123")));
    assertThat(policy).contains("img-src 'self' https://abc123.r2.cloudflarestorage.com;",
        "media-src 'self' https://abc123.r2.cloudflarestorage.com;");
  }

  /** The bucket with these comma-separated settings; keys given so that nothing reads the machine's own. */
  private static ServerConfig config(String bucket, String settings) {
    Map<String, String> values = new HashMap<>(Map.of("LIGHTBOX_S3_BUCKET", bucket,
        "LIGHTBOX_S3_ACCESS_KEY_ID", "AKIDEXAMPLE", "LIGHTBOX_S3_SECRET_ACCESS_KEY", "not-a-real-secret"));
    for (String setting : settings.split(",")) {
      String[] nameValue = setting.split("=", 2);
      values.put(nameValue[0].trim(), nameValue[1].trim());
    }
    return ConfigLoader.fromMap(values);
  }
}
