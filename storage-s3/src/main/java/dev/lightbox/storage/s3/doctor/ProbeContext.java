package dev.lightbox.storage.s3.doctor;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.Encryption;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.internal.RegionRedirects;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.s3.internal.S3Errors;
import dev.lightbox.storage.s3.internal.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every probe works with: a store and a raw client confined to one temporary prefix, an HTTP client
 * for presigned URLs, and test data. Closing it closes them (the clean-up is {@link DoctorCleanup}'s).
 */
final class ProbeContext implements AutoCloseable {
  final DoctorOptions options;
  final S3Config config;
  final String prefix;
  final S3BlobStore store;
  final RegionRedirects regions;
  final S3Client raw;
  final HttpClient http;
  private final Random random = new Random();

  ProbeContext(DoctorOptions options) {
    this.options = options;
    S3Config base = options.config();
    this.prefix = base.keyPrefix() + S3Keys.DOCTOR_DIR_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "/";
    this.config = base.withKeyPrefix(prefix).withEncryption(Encryption.NONE).withPartSize(S3Config.MIN_PART_SIZE);
    this.store = S3BlobStore.open(config);
    this.regions = RegionRedirects.create(config.bucket(), config.region(), r -> S3Clients.client(config, r));
    this.raw = regions.client();
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  String bucket() {
    return config.bucket();
  }

  /** A full object key inside the temporary prefix. */
  String key(String name) {
    return prefix + name;
  }

  byte[] data(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  String region() {
    return regions.region();
  }

  StorageException error(Throwable e, String operation) {
    return S3Errors.map(e, operation, config.describe(), null, region());
  }

  /** The message of a failure as the user should read it: the store's answer without the long prefix. */
  static String reason(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    java.util.regex.Matcher failed = java.util.regex.Pattern.compile(" failed \\([A-Z_]+\\)(: )?").matcher(m);
    return failed.find() ? m.substring(failed.end()) : m;
  }

  @Override
  public void close() {
    http.close();
    raw.close();
    store.close();
  }
}
