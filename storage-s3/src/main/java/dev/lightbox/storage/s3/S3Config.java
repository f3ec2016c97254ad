package dev.lightbox.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.internal.PresignOrigin;

/**
 * Where an {@link S3BlobStore} keeps its objects and how it talks to the store. Build with
 * {@link #builder()}, which validates every field and picks defaults from the {@link ProviderPreset}
 * (given, or recognised from the endpoint): endpoint, region, addressing style, chunked encoding, SDK
 * checksums only when required for anything but AWS, and the provider's {@link ProviderQuirks}.
 *
 * @param endpoint the store's URL, or null for AWS S3 itself
 * @param keyPrefix prepended to every key; empty or ending with '/'
 * @param credentials static keys, or null for the AWS SDK's default chain (environment, profile, roles)
 * @param chunkedEncoding whether signed uploads use aws-chunked encoding (off for most compatible stores)
 * @param sendChecksumSha256 send {@code x-amz-checksum-sha256} with uploads; only where the store accepts it
 * @param partSize bytes per multipart part; streams up to this size go up in one PUT
 * @param concurrency parts in flight at once for one upload or copy
 * @param maxAttempts attempts per request (1 means no retry), with exponential backoff between them
 * @param maxBatchDelete the most keys one DeleteObjects request carries
 * @param multipartEqualParts the store needs every part but the last to be the same size (always done)
 * @param multipartCopyThreshold objects larger than this are copied part by part (S3 allows 5 GiB)
 * @param httpClient the HTTP client under the SDK
 * @param maxConnections pooled connections to the store (for {@link HttpClientKind#APACHE5})
 * @param preset the provider, for its quirks and for messages
 * @param quirks what the provider does differently; the backend obeys these flags
 * @param encryption server-side encryption of new objects (an SSE-C key is sent on every object request)
 * @param readOnly refuse every write before sending it (a read-only profile)
 * @param credentialsSource where the credentials came from, for messages (never the keys themselves)
 * @param leanReads GET and HEAD objects over a lean signed HTTP/1.1 request instead of the AWS SDK's
 *     pipeline (same results and errors, less CPU per request); other operations always use the SDK
 */
public record S3Config(
    URI endpoint,
    String region,
    String bucket,
    String keyPrefix,
    boolean pathStyle,
    S3Credentials credentials,
    boolean chunkedEncoding,
    ChecksumMode checksumMode,
    boolean sendChecksumSha256,
    long partSize,
    int concurrency,
    int maxAttempts,
    int maxBatchDelete,
    boolean multipartEqualParts,
    long multipartCopyThreshold,
    Duration connectTimeout,
    Duration readTimeout,
    HttpClientKind httpClient,
    int maxConnections,
    ProviderPreset preset,
    ProviderQuirks quirks,
    Encryption encryption,
    boolean readOnly,
    String credentialsSource,
    boolean leanReads) {

  public static final long MIN_PART_SIZE = 5L << 20;
  /** Parts are buffered in memory, so they stay well below what one array holds. */
  public static final long MAX_PART_SIZE = 1L << 30;
  /** S3's limit for one CopyObject request. */
  public static final long MAX_COPY_SIZE = 5L << 30;
  public static final long DEFAULT_PART_SIZE = 8L << 20;
  public static final int MAX_PARTS = 10_000;
  /** Whether object reads take the lean path unless configured otherwise. */
  public static final boolean DEFAULT_LEAN_READS = true;

  public S3Config {
    require(region != null && !region.isBlank(), "a region is required (use 'us-east-1' when the store ignores it)");
    require(bucket != null && bucket.matches("[a-zA-Z0-9][a-zA-Z0-9._-]{1,254}"),
        "bucket name '" + bucket + "' is not valid: 3 to 255 letters, digits, '.', '-' or '_'");
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    require(!keyPrefix.startsWith("/") && !keyPrefix.contains("//") && !keyPrefix.contains(".."),
        "key prefix '" + keyPrefix + "' must be relative, without '//' or '..'");
    if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
      keyPrefix = keyPrefix + "/";
    }
    if (endpoint != null) {
      require(endpoint.getScheme() != null && endpoint.getScheme().matches("https?") && endpoint.getHost() != null,
          "endpoint '" + endpoint + "' must be an http or https URL such as https://s3.example.com");
      require(endpoint.getRawQuery() == null && endpoint.getUserInfo() == null,
          "endpoint must not carry a query or user info; pass credentials separately");
    }
    require(checksumMode != null, "checksum mode is required");
    require(partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE,
        "part size must be between 5 MiB and 1 GiB, was " + partSize);
    require(concurrency >= 1 && concurrency <= 64, "concurrency must be between 1 and 64, was " + concurrency);
    require(maxAttempts >= 1 && maxAttempts <= 20, "max attempts must be between 1 and 20, was " + maxAttempts);
    require(maxBatchDelete >= 1 && maxBatchDelete <= 1000,
        "max batch delete must be between 1 and 1000, was " + maxBatchDelete);
    require(multipartCopyThreshold >= MIN_PART_SIZE && multipartCopyThreshold <= MAX_COPY_SIZE,
        "multipart copy threshold must be between 5 MiB and 5 GiB, was " + multipartCopyThreshold);
    require(isPositive(connectTimeout) && isPositive(readTimeout), "timeouts must be positive");
    require(httpClient != null, "an HTTP client kind is required");
    require(maxConnections >= 1 && maxConnections <= 1024,
        "max connections must be between 1 and 1024, was " + maxConnections);
    require(preset != null && quirks != null, "a provider preset is required");
    require(maxBatchDelete <= quirks.maxBatchDelete(), preset.displayName() + " takes at most "
        + quirks.maxBatchDelete() + " keys per batch delete; max batch delete was " + maxBatchDelete);
    encryption = encryption == null ? Encryption.NONE : encryption;
    require(encryption.isNone() || quirks.supports(encryption.mode()), preset.displayName() + " does not support "
        + encryption.mode() + (quirks.sseModes().isEmpty() ? " (nor any other S3 encryption header)"
            : "; it supports " + quirks.sseModes()) + ": choose another encryption mode or none");
    credentialsSource = credentialsSource == null
        ? (credentials == null ? "SDK default chain" : "static keys") : credentialsSource;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code s3://bucket/prefix}, for messages. */
  public String describe() {
    return "s3://" + bucket + "/" + keyPrefix;
  }

  /**
   * Where browsers fetch this store's presigned URLs from, for a Content-Security-Policy: the origin
   * ({@code scheme://host[:port]}) the SDK's presigner puts in them for this bucket, preset and addressing
   * style; without an endpoint (AWS itself) also {@code https://*.amazonaws.com}, because the store moves to
   * the bucket's own region, and so to that region's host, when AWS redirects it there.
   */
  public List<String> presignOrigins() {
    String exact = PresignOrigin.of(this);
    return endpoint == null ? List.of(exact, "https://*.amazonaws.com") : List.of(exact);
  }

  /** The same settings under another key prefix (the doctor works under a temporary one). */
  public S3Config withKeyPrefix(String prefix) {
    return new S3Config(endpoint, region, bucket, prefix, pathStyle, credentials, chunkedEncoding, checksumMode,
        sendChecksumSha256, partSize, concurrency, maxAttempts, maxBatchDelete, multipartEqualParts,
        multipartCopyThreshold, connectTimeout, readTimeout, httpClient, maxConnections, preset, quirks, encryption,
        readOnly, credentialsSource, leanReads);
  }

  /** The same settings for another region (after the store said the bucket lives there). */
  public S3Config withRegion(String newRegion) {
    return new S3Config(endpoint, newRegion, bucket, keyPrefix, pathStyle, credentials, chunkedEncoding, checksumMode,
        sendChecksumSha256, partSize, concurrency, maxAttempts, maxBatchDelete, multipartEqualParts,
        multipartCopyThreshold, connectTimeout, readTimeout, httpClient, maxConnections, preset, quirks, encryption,
        readOnly, credentialsSource, leanReads);
  }

  /** The same settings with another part size (the doctor's multipart probe uses the smallest). */
  public S3Config withPartSize(long newPartSize) {
    return new S3Config(endpoint, region, bucket, keyPrefix, pathStyle, credentials, chunkedEncoding, checksumMode,
        sendChecksumSha256, newPartSize, concurrency, maxAttempts, maxBatchDelete, multipartEqualParts,
        multipartCopyThreshold, connectTimeout, readTimeout, httpClient, maxConnections, preset, quirks, encryption,
        readOnly, credentialsSource, leanReads);
  }

  /** The same settings with other encryption. */
  public S3Config withEncryption(Encryption newEncryption) {
    return new S3Config(endpoint, region, bucket, keyPrefix, pathStyle, credentials, chunkedEncoding, checksumMode,
        sendChecksumSha256, partSize, concurrency, maxAttempts, maxBatchDelete, multipartEqualParts,
        multipartCopyThreshold, connectTimeout, readTimeout, httpClient, maxConnections, preset, quirks, newEncryption,
        readOnly, credentialsSource, leanReads);
  }

  @Override
  public String toString() {
    return "S3Config[" + describe() + " preset=" + preset.id() + " endpoint=" + (endpoint == null ? "aws" : endpoint)
        + " region=" + region + " pathStyle=" + pathStyle + " credentials=" + credentialsSource
        + (credentials == null ? "" : " " + credentials) + (readOnly ? " read-only" : "")
        + " encryption=" + encryption.describe() + " partSize=" + partSize + " concurrency=" + concurrency
        + (leanReads ? " leanReads" : "") + "]";
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null, problem);
    }
  }

  private static URI parse(String endpoint) {
    try {
      return new URI(endpoint.trim());
    } catch (java.net.URISyntaxException e) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null,
          "endpoint '" + endpoint + "' is not a URL; use one such as https://s3.example.com");
    }
  }

  /** Builds an {@link S3Config}; {@code bucket} is required, everything else has a default. */
  public static final class Builder {
    private URI endpoint;
    private String region;
    private ProviderPreset preset;
    private ProviderQuirks quirks;
    private String accountId;
    private Encryption encryption = Encryption.NONE;
    private boolean readOnly;
    private String credentialsSource;
    private String bucket;
    private String keyPrefix = "";
    private Boolean pathStyle;
    private S3Credentials credentials;
    private Boolean chunkedEncoding;
    private ChecksumMode checksumMode;
    private Boolean sendChecksumSha256;
    private long partSize = DEFAULT_PART_SIZE;
    private int concurrency = 4;
    private int maxAttempts = 4;
    private Integer maxBatchDelete;
    private boolean multipartEqualParts;
    private long multipartCopyThreshold = MAX_COPY_SIZE;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private HttpClientKind httpClient = HttpClientKind.APACHE5;
    private int maxConnections = 64;
    private boolean leanReads = DEFAULT_LEAN_READS;

    private Builder() {
    }

    public Builder endpoint(URI v) { endpoint = v; return this; }
    public Builder endpoint(String v) { endpoint = v == null || v.isBlank() ? null : parse(v); return this; }
    /** The bucket's region; default: from the endpoint or the preset ({@code auto} for R2 and GCS). */
    public Builder region(String v) { region = v; return this; }
    /** The provider; default: recognised from the endpoint (AWS without one, else custom). */
    public Builder preset(ProviderPreset v) { preset = v; return this; }
    public Builder preset(String id) { preset = id == null ? null : ProviderPreset.fromId(id); return this; }
    /** Overrides the preset's quirks, for a provider that differs from its preset. */
    public Builder quirks(ProviderQuirks v) { quirks = v; return this; }
    /** The account id some endpoint templates need (Cloudflare R2). */
    public Builder accountId(String v) { accountId = v; return this; }
    public Builder encryption(Encryption v) { encryption = v; return this; }
    /** Refuse every write before it is sent. */
    public Builder readOnly(boolean v) { readOnly = v; return this; }
    /** Where the credentials came from, for messages, such as {@code profile 'backup'}. */
    public Builder credentialsSource(String v) { credentialsSource = v; return this; }
    /** Credentials, read-only flag and their source in one go, as {@link S3CredentialResolver} found them. */
    public Builder credentials(ResolvedCredentials v) {
      credentials = v.credentials();
      readOnly = readOnly || v.readOnly();
      credentialsSource = v.source();
      return this;
    }
    public Builder bucket(String v) { bucket = v; return this; }
    public Builder keyPrefix(String v) { keyPrefix = v; return this; }
    /** Path-style addressing ({@code endpoint/bucket/key}); default on for custom endpoints. */
    public Builder pathStyle(boolean v) { pathStyle = v; return this; }
    public Builder credentials(S3Credentials v) { credentials = v; return this; }
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      credentials = S3Credentials.of(accessKeyId, secretAccessKey);
      return this;
    }
    public Builder chunkedEncoding(boolean v) { chunkedEncoding = v; return this; }
    public Builder checksumMode(ChecksumMode v) { checksumMode = v; return this; }
    public Builder sendChecksumSha256(boolean v) { sendChecksumSha256 = v; return this; }
    public Builder partSize(long v) { partSize = v; return this; }
    public Builder concurrency(int v) { concurrency = v; return this; }
    public Builder maxAttempts(int v) { maxAttempts = v; return this; }
    public Builder maxBatchDelete(int v) { maxBatchDelete = v; return this; }
    public Builder multipartEqualParts(boolean v) { multipartEqualParts = v; return this; }
    public Builder multipartCopyThreshold(long v) { multipartCopyThreshold = v; return this; }
    public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
    public Builder readTimeout(Duration v) { readTimeout = v; return this; }
    public Builder httpClient(HttpClientKind v) { httpClient = v; return this; }
    public Builder maxConnections(int v) { maxConnections = v; return this; }
    /** GET and HEAD objects without the AWS SDK's request pipeline (see {@link S3Config#leanReads()}). */
    public Builder leanReads(boolean v) { leanReads = v; return this; }

    public S3Config build() {
      ProviderPreset p = preset != null ? preset : ProviderPreset.detect(endpoint);
      ProviderQuirks q = quirks != null ? quirks : p.quirks();
      String r = region;
      if (r == null || r.isBlank()) {
        r = p.regionIn(endpoint) != null ? p.regionIn(endpoint) : p.defaultRegion();
      }
      require(r != null, p.displayName() + " needs the bucket's region (LIGHTBOX_S3_REGION)");
      URI e = endpoint != null ? endpoint : p.endpoint(r, accountId);
      require(e != null || !p.needsEndpoint(), p.displayName()
          + " needs its endpoint URL (LIGHTBOX_S3_ENDPOINT), such as http://localhost:9000");
      boolean aws = p == ProviderPreset.AWS;
      return new S3Config(e, r, bucket, keyPrefix,
          pathStyle != null ? pathStyle : p.pathStyle(),
          credentials,
          chunkedEncoding != null ? chunkedEncoding : aws && q.chunkedEncoding(),
          checksumMode != null ? checksumMode : aws ? ChecksumMode.WHEN_SUPPORTED : ChecksumMode.WHEN_REQUIRED,
          sendChecksumSha256 != null ? sendChecksumSha256 : q.checksumSha256Header(),
          partSize, concurrency, maxAttempts, maxBatchDelete != null ? maxBatchDelete : q.maxBatchDelete(),
          multipartEqualParts || q.multipartEqualParts(), multipartCopyThreshold,
          connectTimeout, readTimeout, httpClient, maxConnections, p, q, encryption, readOnly, credentialsSource,
          leanReads);
    }
  }
}
