package dev.lightbox.server.config;

import java.nio.file.Path;
import java.time.Duration;

import dev.lightbox.storage.s3.S3Config;

/**
 * Everything the server needs to start, already validated by {@link ConfigLoader}. Secrets (database and
 * admin passwords, S3 keys) never appear in {@link #toString()}.
 *
 * @param dataDir holds the SQLite catalog, the disk store ({@code dataDir/storage}) and temp files
 * @param dbUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
 * @param storageBackend where new uploads go; existing objects are read from wherever they are
 * @param s3 the bucket's store settings, built once from the LIGHTBOX_S3_* settings; the store is opened from
 *     them and everything else about the bucket (the gallery's policy, migration) reads them; null when no
 *     bucket is configured
 * @param storageTemplate the key of a new original, such as {@code library/{userId}/{yyyy}/{MM}/{assetId}.{ext}}
 * @param adminPassword the first-run admin's password, or null to generate one and print it once
 * @param cacheBytes the in-memory cache of small objects' bytes for serving; 0 disables it
 * @param operations logging, access to {@code /metrics}, the request-header deadline
 * @param libraryRescanInterval how often every library in place is rescanned; zero: only on demand
 * @param libraryWatch whether disk libraries are watched for changes between rescans
 * @param trashDays days an asset stays in the trash before the background purge deletes it for good
 */
public record ServerConfig(
    Path dataDir,
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    StorageBackend storageBackend,
    S3Config s3,
    ServeMode s3ServeMode,
    Duration presignedUrlExpiry,
    long maxUploadBytes,
    String storageTemplate,
    String adminEmail,
    String adminPassword,
    Duration sessionTtl,
    boolean secureCookies,
    long cacheBytes,
    Operations operations,
    Duration libraryRescanInterval,
    boolean libraryWatch,
    int trashDays) {

  public static final String DEFAULT_TEMPLATE = "library/{userId}/{yyyy}/{MM}/{assetId}.{ext}";
  public static final int DEFAULT_PORT = 2283;
  public static final long DEFAULT_CACHE_BYTES = 64L << 20;
  public static final Duration DEFAULT_LIBRARY_RESCAN = Duration.ofMinutes(15);
  public static final int DEFAULT_TRASH_DAYS = 30;

  public boolean usesPostgres() {
    return dbUrl.startsWith("jdbc:postgresql:");
  }

  public Path diskRoot() {
    return dataDir.resolve("storage");
  }

  public Path tempDir() {
    return dataDir.resolve("tmp");
  }

  public ServerConfig withStorageBackend(StorageBackend backend) {
    return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, backend, s3, s3ServeMode,
        presignedUrlExpiry, maxUploadBytes, storageTemplate, adminEmail, adminPassword, sessionTtl, secureCookies,
        cacheBytes, operations, libraryRescanInterval, libraryWatch, trashDays);
  }

  public ServerConfig withS3ServeMode(ServeMode mode) {
    return new ServerConfig(dataDir, host, port, dbUrl, dbUser, dbPassword, storageBackend, s3, mode,
        presignedUrlExpiry, maxUploadBytes, storageTemplate, adminEmail, adminPassword, sessionTtl, secureCookies,
        cacheBytes, operations, libraryRescanInterval, libraryWatch, trashDays);
  }

  @Override
  public String toString() {
    return "ServerConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", dbUrl="
        + redactUrl(dbUrl) + ", dbUser=" + dbUser + ", storageBackend=" + storageBackend + ", s3=" + describe(s3)
        + ", s3ServeMode=" + s3ServeMode + ", presignedUrlExpiry=" + presignedUrlExpiry + ", maxUploadBytes="
        + maxUploadBytes + ", storageTemplate=" + storageTemplate + ", adminEmail=" + adminEmail
        + ", sessionTtl=" + sessionTtl + ", secureCookies=" + secureCookies + ", cacheBytes=" + cacheBytes + ", " + operations + ", libraryRescanInterval=" + libraryRescanInterval
        + ", libraryWatch=" + libraryWatch + ", trashDays=" + trashDays + "]";
  }

  /** The bucket's settings without the access key id, which S3Config's own description shows. */
  static String describe(S3Config s3) {
    return s3 == null ? null : "S3Config[" + s3.describe() + " preset=" + s3.preset().id() + " endpoint="
        + (s3.endpoint() == null ? "aws" : s3.endpoint()) + " region=" + s3.region() + " pathStyle=" + s3.pathStyle()
        + " credentials=" + s3.credentialsSource() + (s3.readOnly() ? " read-only" : "") + " encryption="
        + s3.encryption().describe() + "]";
  }

  /** The URL without its query string, where a password may hide. */
  public static String redactUrl(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }
}
