package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.s3.ChecksumMode;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Credentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the SDK client and presigner an {@link dev.lightbox.storage.s3.S3BlobStore} uses. */
public final class S3Clients {
  private S3Clients() {
  }

  public static S3Client client(S3Config config) {
    return client(config, config.region());
  }

  /** A plain SDK client for {@code region} (the store wraps it in {@link RegionRedirects}). */
  public static S3Client client(S3Config config, String region) {
    boolean whenRequired = config.checksumMode() == ChecksumMode.WHEN_REQUIRED;
    SdkHttpClient http = httpClient(config);
    var builder = S3Client.builder()
        .httpClient(http)
        .region(Region.of(region))
        .credentialsProvider(credentials(config.credentials()))
        .serviceConfiguration(serviceConfiguration(config))
        .requestChecksumCalculation(whenRequired
            ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(whenRequired
            ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED)
        // Stores that predate flexible checksums still need Content-MD5 on DeleteObjects.
        .addPlugin(LegacyMd5Plugin.create())
        // Puts already hash their payload: sign with that hash instead of hashing it again.
        .putAuthScheme(KnownHashSigner.scheme())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(config.maxAttempts())
            .circuitBreakerEnabled(false)
            .build()));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  private static SdkHttpClient httpClient(S3Config config) {
    return switch (config.httpClient()) {
      case APACHE5 -> Apache5HttpClient.builder()
          .maxConnections(config.maxConnections())
          .connectionTimeout(config.connectTimeout())
          .socketTimeout(config.readTimeout())
          .build();
      case URL_CONNECTION -> UrlConnectionHttpClient.builder()
          .connectionTimeout(config.connectTimeout())
          .socketTimeout(config.readTimeout())
          .build();
    };
  }

  /** The presigner does not inherit the client's settings: path-style must be set on it too. */
  public static S3Presigner presigner(S3Config config) {
    return presigner(config, config.region());
  }

  public static S3Presigner presigner(S3Config config, String region) {
    return presigner(config, region, config.credentials());
  }

  /** With other credentials than the config's (they change the signature, never the URL's origin). */
  public static S3Presigner presigner(S3Config config, String region, S3Credentials credentials) {
    var builder = S3Presigner.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials(credentials))
        .serviceConfiguration(serviceConfiguration(config));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  private static S3Configuration serviceConfiguration(S3Config config) {
    return S3Configuration.builder()
        .pathStyleAccessEnabled(config.pathStyle())
        .chunkedEncodingEnabled(config.chunkedEncoding())
        .build();
  }

  static AwsCredentialsProvider credentials(S3Credentials credentials) {
    if (credentials == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(credentials.sessionToken() == null
        ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
        : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
            credentials.sessionToken()));
  }
}
