package dev.lightbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsNeedNothingConfigured() {
    ServerConfig c = ConfigLoader.fromMap(Map.of());
    assertThat(c.port()).isEqualTo(2283);
    assertThat(c.dataDir()).isEqualTo(Path.of("lightbox-data").toAbsolutePath());
    assertThat(c.dbUrl()).isEqualTo("jdbc:sqlite:" + c.dataDir().resolve("lightbox.db"));
    assertThat(c.storageBackend()).isEqualTo(StorageBackend.DISK);
    assertThat(c.s3()).isNull();
    assertThat(c.s3ServeMode()).isEqualTo(ServeMode.REDIRECT);
    assertThat(c.presignedUrlExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(c.storageTemplate()).isEqualTo("library/{userId}/{yyyy}/{MM}/{assetId}.{ext}");
  }

  @Test
  void theCacheSizeTakesUnitsZeroDisablesItAndItMustFitTheHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(ConfigLoader.fromMap(Map.of()).cacheBytes()).isEqualTo(Math.min(64L << 20, heap / 4));
    assertThat(ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", "16MB")).cacheBytes()).isEqualTo(16L << 20);
    assertThat(ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", "4096")).cacheBytes()).isEqualTo(4096);
    assertThat(ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", "0")).cacheBytes()).isZero();
    assertThat(ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", "0MB")).cacheBytes()).isZero();
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", "plenty")))
        .hasMessageContaining("LIGHTBOX_CACHE_SIZE 'plenty' is not a size");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_CACHE_SIZE", (heap / 2 + 1) + "")))
        .hasMessageContaining("LIGHTBOX_CACHE_SIZE").hasMessageContaining("half of the").hasMessageContaining("-Xmx");
  }

  @Test
  void environmentWinsOverTheFile() throws Exception {
    Path file = dir.resolve("lightbox.conf");
    Files.writeString(file, "LIGHTBOX_PORT=9000\nLIGHTBOX_S3_BUCKET=from-file\nLIGHTBOX_S3_SERVE_MODE=proxy\n");
    ServerConfig c = ConfigLoader.load(Map.of("LIGHTBOX_PORT", "9001", "PATH", "/bin"), file);
    assertThat(c.port()).isEqualTo(9001);
    assertThat(c.s3().bucket()).isEqualTo("from-file");
    assertThat(c.s3ServeMode()).isEqualTo(ServeMode.PROXY);
    ServerConfig viaEnv = ConfigLoader.load(Map.of("LIGHTBOX_CONFIG_FILE", file.toString()), null);
    assertThat(viaEnv.port()).isEqualTo(9000);
  }

  @Test
  void everyProblemNamesTheSettingAndTheFix() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of(
        "LIGHTBOX_PORT", "70000",
        "LIGHTBOX_STORAGE_BACKEND", "s3",
        "LIGHTBOX_S3_SERVE_MODE", "teleport",
        "LIGHTBOX_S3_PRESIGNED_URL_EXPIRY", "soon",
        "LIGHTBOX_DB_URL", "jdbc:mysql://x",
        "LIGHTBOX_MAX_UPLOAD_SIZE", "lots",
        "LIGHTBOX_STORAGE_TEMPLATE", "library/{userId}/{name}")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(7).anySatisfy(
            p -> assertThat(p).startsWith("LIGHTBOX_PORT '70000' is out of range"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_S3_BUCKET is required when LIGHTBOX_STORAGE_BACKEND=s3"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_S3_SERVE_MODE 'teleport'", "redirect or proxy"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_S3_PRESIGNED_URL_EXPIRY 'soon' is not a whole number"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_DB_URL", "jdbc:postgresql:"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_MAX_UPLOAD_SIZE 'lots'", "500MB"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_STORAGE_TEMPLATE", "{assetId}")));
  }

  @Test
  void s3SettingsAreCheckedAndSecretsStayOutOfToString() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "ok-bucket",
        "LIGHTBOX_S3_ACCESS_KEY_ID", "AKIA1", "LIGHTBOX_S3_ENDPOINT", "localhost:9000")))
        .hasMessageContaining("LIGHTBOX_S3_SECRET_ACCESS_KEY is missing")
        .hasMessageContaining("LIGHTBOX_S3_ENDPOINT 'localhost:9000' is not an http(s) URL");
    ServerConfig c = ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "ok-bucket", "LIGHTBOX_S3_ACCESS_KEY_ID",
        "AKIA1", "LIGHTBOX_S3_SECRET_ACCESS_KEY", "very-secret", "LIGHTBOX_S3_ENDPOINT", "http://localhost:9000",
        "LIGHTBOX_ADMIN_PASSWORD", "admin-secret", "LIGHTBOX_MAX_UPLOAD_SIZE", "500MB"));
    assertThat(c.s3().pathStyle()).isTrue();
    assertThat(c.maxUploadBytes()).isEqualTo(500L << 20);
    assertThat(c.toString()).doesNotContain("very-secret", "admin-secret", "AKIA1");
  }

  @Test
  void providerSettingsReachTheStoreAndBadOnesStopStartUp() {
    ServerConfig r2 = ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "photos", "LIGHTBOX_S3_PRESET", "r2",
        "LIGHTBOX_S3_ACCOUNT_ID", "abc123", "LIGHTBOX_S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
        "LIGHTBOX_S3_SECRET_ACCESS_KEY", "not-a-real-secret"));
    var config = r2.s3();
    assertThat(config.endpoint().toString()).isEqualTo("https://abc123.r2.cloudflarestorage.com");
    assertThat(config.maxBatchDelete()).isLessThanOrEqualTo(700);
    assertThat(config.region()).as("the preset's region, not a server default").isEqualTo("auto");
    assertThat(r2.s3().toString()).doesNotContain("not-a-real-secret").contains("preset=r2");
    assertThat(r2.toString()).doesNotContain("not-a-real-secret");

    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "photos", "LIGHTBOX_S3_SSE", "sse-c")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(
            p -> assertThat(p).contains("LIGHTBOX_S3_SSE_CUSTOMER_KEY")));
  }

  @Test
  void theBucketAloneIsReadLikeTheServerReadsItWithOverridesWinning() throws Exception {
    Path file = dir.resolve("lightbox.conf");
    Files.writeString(file, "LIGHTBOX_S3_BUCKET=photos\nLIGHTBOX_S3_PRESET=b2\nLIGHTBOX_S3_REGION=us-west-004\n"
        + "LIGHTBOX_S3_SERVE_MODE=proxy\nLIGHTBOX_DB_URL=jdbc:sqlite:/elsewhere.db\n");
    BucketSettings b = ConfigLoader.loadBucket(Map.of("LIGHTBOX_S3_ACCESS_KEY_ID", "AKID", "PATH", "/bin",
        "LIGHTBOX_S3_SECRET_ACCESS_KEY", "not-a-real-secret"), file, Map.of("LIGHTBOX_S3_REGION", "eu-central-003"));
    assertThat(b.s3().endpoint()).hasToString("https://s3.eu-central-003.backblazeb2.com");
    assertThat(b.serveMode()).isEqualTo(ServeMode.PROXY);
    assertThat(b.s3()).isEqualTo(ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "photos", "LIGHTBOX_S3_PRESET",
        "b2", "LIGHTBOX_S3_REGION", "eu-central-003", "LIGHTBOX_S3_ACCESS_KEY_ID", "AKID",
        "LIGHTBOX_S3_SECRET_ACCESS_KEY", "not-a-real-secret")).s3());
    assertThatThrownBy(() -> ConfigLoader.loadBucket(Map.of(), null, Map.of("LIGHTBOX_S3_BUCKET", "Bad_Bucket",
        "LIGHTBOX_S3_PATH_STYLE", "maybe", "LIGHTBOX_S3_PRESET", "tape")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3)
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_S3_BUCKET 'Bad_Bucket' is not a valid bucket name"))
            .anySatisfy(p -> assertThat(p).contains("LIGHTBOX_S3_PATH_STYLE must be true or false"))
            .anySatisfy(p -> assertThat(p).contains("unknown provider preset 'tape'")));
    assertThat(ConfigLoader.loadBucket(Map.of(), null, Map.of()).s3()).isNull();
  }
}
