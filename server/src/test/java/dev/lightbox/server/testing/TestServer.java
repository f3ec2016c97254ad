package dev.lightbox.server.testing;

import dev.lightbox.media.MediaProcessor;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.testkit.S3TestServer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Starts a real server on port 0 for a test, on SQLite or PostgreSQL, with optional replaced parts. */
public final class TestServer {
  public static final String ADMIN_EMAIL = "admin@example.com";
  public static final String ADMIN_PASSWORD = "admin-password-1";
  /** LIGHTBOX_METRICS_TOKEN of every test server: {@code /metrics} is read with it. */
  public static final String METRICS_TOKEN = "test-metrics-token-0123456789";
  public static final String[] METRICS_AUTHORIZATION = {"Authorization", "Bearer " + METRICS_TOKEN};

  private final Map<String, String> settings = new HashMap<>();
  private final Map<StorageBackend, BlobStore> stores = new EnumMap<>(StorageBackend.class);
  private MediaProcessor media = new StubMediaProcessor();
  private final MutableClock clock = new MutableClock();

  private TestServer(String database, Path dir) {
    settings.put("LIGHTBOX_DATA_DIR", dir.resolve("data").toString());
    settings.put("LIGHTBOX_HOST", "127.0.0.1");
    settings.put("LIGHTBOX_PORT", "0");
    settings.put("LIGHTBOX_DB_URL", TestDatabases.newDatabase(database, dir.resolve("db")));
    settings.put("LIGHTBOX_ADMIN_EMAIL", ADMIN_EMAIL);
    settings.put("LIGHTBOX_ADMIN_PASSWORD", ADMIN_PASSWORD);
    settings.put("LIGHTBOX_METRICS_TOKEN", METRICS_TOKEN);
  }

  public static TestServer on(String database, Path dir) {
    return new TestServer(database, dir);
  }

  public TestServer set(String name, String value) {
    settings.put(name, value);
    return this;
  }

  /** Points the S3 settings at {@code bucket} of a local test server (the backend setting is left alone). */
  public TestServer s3(S3TestServer server, String bucket) {
    settings.putAll(s3Settings(server, bucket));
    return this;
  }

  /** The settings that reach {@code bucket} of a local test server: bucket, endpoint, region and keys. */
  public static Map<String, String> s3Settings(S3TestServer server, String bucket) {
    return Map.of("LIGHTBOX_S3_BUCKET", bucket, "LIGHTBOX_S3_ENDPOINT", server.endpoint().toString(),
        "LIGHTBOX_S3_REGION", server.info().region(), "LIGHTBOX_S3_ACCESS_KEY_ID", server.info().accessKey(),
        "LIGHTBOX_S3_SECRET_ACCESS_KEY", server.info().secretKey());
  }

  public TestServer store(StorageBackend backend, BlobStore store) {
    stores.put(backend, store);
    return this;
  }

  public TestServer media(MediaProcessor processor) {
    media = processor;
    return this;
  }

  public MutableClock clock() {
    return clock;
  }

  public String setting(String name) {
    return settings.get(name);
  }

  public ServerConfig config() {
    return ConfigLoader.fromMap(settings);
  }

  public LightboxServer start() {
    LightboxServer.Builder b = LightboxServer.builder(config()).announce(line -> { }).clock(clock);
    stores.forEach(b::store);
    if (media != null) {
      b.mediaProcessor(media);
    } else {
      b.withoutMedia();
    }
    return b.start();
  }
}
