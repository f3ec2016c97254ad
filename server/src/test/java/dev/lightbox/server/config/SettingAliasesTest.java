package dev.lightbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Other tools' names for the settings: each alias, its translation, conflicts and the start-up log. */
class SettingAliasesTest {
  @TempDir
  Path dir;

  /** Runs {@code load} and returns what ConfigLoader logged meanwhile, one formatted line per event. */
  static <T> List<String> logged(Supplier<T> load) {
    Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level before = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    try {
      load.get();
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  private static Map<String, String> s3(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(Map.of("LIGHTBOX_S3_ENDPOINT", "http://localhost:9000"));
    m.putAll(extra);
    return m;
  }

  @Test
  void immichNamesAreReadWithTheirValues() {
    ServerConfig c = ConfigLoader.fromMap(Map.of("IMMICH_STORAGE_BACKEND", "s3", "IMMICH_S3_BUCKET", "photos",
        "IMMICH_S3_REGION", "eu-west-1", "IMMICH_S3_ENDPOINT", "http://minio.local:9000",
        "IMMICH_S3_ACCESS_KEY_ID", "AKIDIMMICH", "IMMICH_S3_SECRET_ACCESS_KEY", "immich-secret-value",
        "IMMICH_S3_PRESIGNED_URL_EXPIRY", "600", "IMMICH_S3_SERVE_MODE", "proxy"));
    assertThat(c.storageBackend()).isEqualTo(StorageBackend.S3);
    assertThat(c.s3().bucket()).isEqualTo("photos");
    assertThat(c.s3().region()).isEqualTo("eu-west-1");
    assertThat(c.s3().endpoint()).hasToString("http://minio.local:9000");
    assertThat(c.s3().credentialsSource()).contains("LIGHTBOX_S3_ACCESS_KEY_ID");
    assertThat(c.presignedUrlExpiry()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.s3ServeMode()).isEqualTo(ServeMode.PROXY);
  }

  @Test
  void backendNamesOfImmichAndInvokeAiAreTranslated() {
    for (String disk : List.of("disk", "local", "LOCAL", "filesystem")) {
      assertThat(ConfigLoader.fromMap(Map.of("IMMICH_STORAGE_BACKEND", disk)).storageBackend())
          .isEqualTo(StorageBackend.DISK);
      assertThat(ConfigLoader.fromMap(Map.of("INVOKEAI_STORAGE_BACKEND", disk)).storageBackend())
          .isEqualTo(StorageBackend.DISK);
    }
    assertThat(ConfigLoader.fromMap(s3(Map.of("INVOKEAI_STORAGE_BACKEND", "s3", "INVOKEAI_S3_BUCKET", "outputs")))
        .storageBackend()).isEqualTo(StorageBackend.S3);
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("IMMICH_STORAGE_BACKEND", "gcs")))
        .hasMessageContaining("IMMICH_STORAGE_BACKEND 'gcs' has no Lightbox equivalent")
        .hasMessageContaining("disk, local or s3").hasMessageContaining("LIGHTBOX_STORAGE_BACKEND");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("IMMICH_S3_SERVE_MODE", "stream")))
        .hasMessageContaining("IMMICH_S3_SERVE_MODE 'stream'").hasMessageContaining("redirect or proxy");
  }

  @Test
  void invokeAiNamesAreRead() {
    ServerConfig c = ConfigLoader.fromMap(Map.of("INVOKEAI_S3_BUCKET", "invoke-out",
        "INVOKEAI_S3_ENDPOINT_URL", "http://127.0.0.1:9000", "INVOKEAI_S3_REGION", "us-west-2"));
    assertThat(c.s3().bucket()).isEqualTo("invoke-out");
    assertThat(c.s3().endpoint()).hasToString("http://127.0.0.1:9000");
    assertThat(c.s3().region()).isEqualTo("us-west-2");
  }

  @Test
  void comfyNamesAreReadAndProvidersBecomePresets() {
    ServerConfig c = ConfigLoader.fromMap(Map.of("COMFY_S3_PROVIDER", "Cloudflare R2", "COMFY_S3_ACCOUNT_ID",
        "0123456789abcdef0123456789abcdef", "COMFY_S3_BUCKET", "comfy-out", "COMFY_S3_ACCESS_KEY", "comfykey",
        "COMFY_S3_SECRET_KEY", "comfy-secret-value", "COMFY_S3_PATH_PREFIX", "/outputs"));
    assertThat(c.s3().preset().id()).isEqualTo("r2");
    assertThat(c.s3().endpoint().toString()).contains("0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com");
    assertThat(c.s3().keyPrefix()).isEqualTo("outputs/");
    assertThat(c.s3().bucket()).isEqualTo("comfy-out");

    Map<String, String> providers = Map.of("AWS S3", "aws", "Backblaze B2", "b2", "MinIO", "minio", "Wasabi",
        "wasabi", "DigitalOcean Spaces", "digitalocean", "GCS (S3 interop)", "gcs", "Custom", "custom", "b2", "b2");
    providers.forEach((comfy, preset) -> assertThat(SettingAliases.preset(comfy)).as(comfy).isEqualTo(preset));
    ServerConfig b2 = ConfigLoader.fromMap(Map.of("COMFY_S3_PROVIDER", "Backblaze B2", "COMFY_S3_REGION",
        "us-west-004", "COMFY_S3_BUCKET", "comfy-out"));
    assertThat(b2.s3().endpoint()).hasToString("https://s3.us-west-004.backblazeb2.com");
    ServerConfig custom = ConfigLoader.fromMap(Map.of("COMFY_S3_PROVIDER", "Custom", "COMFY_S3_ENDPOINT_URL",
        "http://127.0.0.1:9000", "COMFY_S3_BUCKET", "comfy-out"));
    assertThat(custom.s3().endpoint()).hasToString("http://127.0.0.1:9000");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("COMFY_S3_PROVIDER", "Bogus", "COMFY_S3_BUCKET", "b-1")))
        .hasMessageContaining("COMFY_S3_PROVIDER 'Bogus' has no Lightbox equivalent")
        .hasMessageContaining("Backblaze B2").hasMessageContaining("LIGHTBOX_S3_PRESET");
  }

  @Test
  void genblazeKeysAreTheAccessKeyPair() {
    ServerConfig c = ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_PRESET", "b2", "LIGHTBOX_S3_REGION", "us-west-004",
        "LIGHTBOX_S3_BUCKET", "gen-out", "B2_KEY_ID", "0042genblazekey", "B2_APP_KEY", "genblaze-secret-value"));
    assertThat(c.s3().credentialsSource()).contains("LIGHTBOX_S3_ACCESS_KEY_ID");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "gen-out", "B2_KEY_ID", "k")))
        .hasMessageContaining("LIGHTBOX_S3_SECRET_ACCESS_KEY is missing")
        .hasMessageContaining("LIGHTBOX_S3_ACCESS_KEY_ID was given as B2_KEY_ID");
  }

  @Test
  void twoNamesWithDifferentValuesStopStartUpNamingBoth() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_BUCKET", "ours", "IMMICH_S3_BUCKET", "theirs")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LIGHTBOX_S3_BUCKET='ours' and IMMICH_S3_BUCKET='theirs'")
        .hasMessageContaining("keep only LIGHTBOX_S3_BUCKET");
    // two aliases of one setting conflict too, with or without the LIGHTBOX_* name
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("COMFY_S3_BUCKET", "a-bucket", "INVOKEAI_S3_BUCKET",
        "b-bucket"))).hasMessageContaining("COMFY_S3_BUCKET").hasMessageContaining("INVOKEAI_S3_BUCKET");
    // values are compared after translation
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_STORAGE_BACKEND", "s3",
        "IMMICH_STORAGE_BACKEND", "local"))).hasMessageContaining("IMMICH_STORAGE_BACKEND='disk'");
    assertThat(ConfigLoader.fromMap(s3(Map.of("LIGHTBOX_STORAGE_BACKEND", "S3", "IMMICH_STORAGE_BACKEND", "s3",
        "LIGHTBOX_S3_BUCKET", "same", "IMMICH_S3_BUCKET", "same"))).s3().bucket()).isEqualTo("same");
    // a secret's values are never shown
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("LIGHTBOX_S3_SECRET_ACCESS_KEY", "first-secret-value",
        "B2_APP_KEY", "second-secret-value")))
        .hasMessageContaining("LIGHTBOX_S3_SECRET_ACCESS_KEY and B2_APP_KEY")
        .hasMessageNotContaining("first-secret-value").hasMessageNotContaining("second-secret-value");
  }

  @Test
  void eachAliasUseIsLoggedOnceWithTheNameToPreferAndNoSecret() {
    List<String> lines = logged(() -> ConfigLoader.fromMap(s3(Map.of("IMMICH_S3_BUCKET", "photos",
        "IMMICH_S3_ACCESS_KEY_ID", "AKIDLOGGED", "IMMICH_S3_SECRET_ACCESS_KEY", "never-in-the-log",
        "LIGHTBOX_S3_REGION", "us-east-1", "IMMICH_S3_REGION", "us-east-1"))));
    assertThat(lines).containsOnlyOnce(
        "INFO IMMICH_S3_BUCKET read as LIGHTBOX_S3_BUCKET; prefer LIGHTBOX_S3_BUCKET (docs/coming-from.md)");
    assertThat(lines).filteredOn(l -> l.startsWith("INFO IMMICH_S3_SECRET_ACCESS_KEY read as"
        + " LIGHTBOX_S3_SECRET_ACCESS_KEY; prefer LIGHTBOX_S3_SECRET_ACCESS_KEY")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("IMMICH_S3_REGION set too, to the same value as LIGHTBOX_S3_REGION"))
        .hasSize(1);
    assertThat(lines).hasSize(4);
    assertThat(String.join("\n", lines)).doesNotContain("never-in-the-log").doesNotContain("AKIDLOGGED");
  }

  @Test
  void anImmichEnvFileWorksAsTheConfigFile() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, """
        # The location where your uploaded files are stored
        UPLOAD_LOCATION=./library
        DB_DATA_LOCATION=./postgres
        IMMICH_VERSION=release
        DB_PASSWORD=postgres
        DB_USERNAME=postgres
        IMMICH_STORAGE_BACKEND=s3
        IMMICH_S3_BUCKET="immich-photos"
        IMMICH_S3_ENDPOINT=http://minio:9000
        IMMICH_S3_SERVE_MODE=proxy
        """);
    List<String> lines = logged(() -> {
      ServerConfig c = ConfigLoader.load(Map.of("LIGHTBOX_CONFIG_FILE", env.toString()), null);
      assertThat(c.storageBackend()).isEqualTo(StorageBackend.S3);
      assertThat(c.s3().bucket()).isEqualTo("immich-photos");
      assertThat(c.s3ServeMode()).isEqualTo(ServeMode.PROXY);
      return c;
    });
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("WARN config file").contains(
        "ignored 5 name(s) Lightbox does not read: DB_DATA_LOCATION, DB_PASSWORD, DB_USERNAME, IMMICH_VERSION,"
            + " UPLOAD_LOCATION"));
    assertThat(String.join("\n", lines)).doesNotContain("postgres");
    // an unknown LIGHTBOX_* name is still a typo that stops start-up
    Files.writeString(env, "LIGHTBOX_PROT=80\nUPLOAD_LOCATION=./library\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), env)).hasMessageContaining("unknown setting 'LIGHTBOX_PROT'");
  }

  @Test
  void anImmichS3BackendWithoutABucketIsAClearErrorNotADiskServer() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(env, "UPLOAD_LOCATION=./library\nIMMICH_STORAGE_BACKEND=s3\n");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), env)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("LIGHTBOX_S3_BUCKET is required when LIGHTBOX_STORAGE_BACKEND=s3")
        .hasMessageContaining("LIGHTBOX_STORAGE_BACKEND was given as IMMICH_STORAGE_BACKEND");
  }

  @Test
  void theEnvironmentCarriesAliasesAndOptionsStillWin() {
    Map<String, String> env = Map.of("IMMICH_S3_BUCKET", "photos", "IMMICH_S3_ENDPOINT", "http://127.0.0.1:9000");
    assertThat(ConfigLoader.load(env, null).s3().bucket()).isEqualTo("photos");
    // an option of the doctor (an override) is not a conflict with the alias: it wins
    BucketSettings b = ConfigLoader.loadBucket(env, null, Map.of("LIGHTBOX_S3_BUCKET", "other"));
    assertThat(b.s3().bucket()).isEqualTo("other");
  }
}
