package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.SseCustomerKey;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * GET and HEAD of objects without the AWS SDK's request pipeline: the request is built here, signed with
 * {@link SigV4} in the Authorization header (the payload hash of an empty body, the session token and
 * SSE-C headers included) and sent over {@link LeanHttp}. Errors map to the same {@link StorageException}s
 * as the SDK path, retryable failures are retried with backoff as the SDK would, and a redirect to the
 * bucket's region moves the whole store there, as {@link RegionRedirects} does for SDK calls.
 */
final class LeanObjectFetcher implements ObjectFetcher {
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final String META = "x-amz-meta-";
  private static final Pattern EXPECTING = Pattern.compile("expecting '([a-z0-9-]+)'");
  private static final Pattern IP_HOST = Pattern.compile("\\[.*\\]|\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern SIMPLE_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

  private final S3Context ctx;
  private final LeanHttp http;
  private final AwsCredentialsProvider credentials;
  private final ObjectFetcher sdk;
  private final SigV4 signer = new SigV4();

  LeanObjectFetcher(S3Context ctx, LeanHttp http, ObjectFetcher sdk) {
    this.ctx = ctx;
    this.http = http;
    this.credentials = S3Clients.credentials(ctx.config().credentials());
    this.sdk = sdk;
  }

  /**
   * Whether this store's addressing is one built here: an endpoint without a path (or AWS's own), and
   * for virtual-host addressing a bucket name that is a plain DNS label (no dots, which would not match
   * a wildcard certificate). Anything else stays on the SDK's path.
   */
  static boolean supports(S3Config config) {
    return supports(config, System.getenv(), System.getProperties());
  }

  /**
   * False when the SDK would do something the lean client does not: send through an HTTP proxy (from the
   * environment or system properties, which the SDK's client honours), or resolve FIPS/dual-stack endpoints.
   */
  static boolean supports(S3Config config, java.util.Map<String, String> env, java.util.Properties props) {
    for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
        "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank() && !v.equalsIgnoreCase("false")) {
        return false;
      }
    }
    if (props.getProperty("https.proxyHost") != null || props.getProperty("http.proxyHost") != null) {
      return false;
    }
    URI e = config.endpoint();
    boolean plainEndpoint = e == null ? !config.region().startsWith("cn-")
        : e.getHost() != null && (e.getRawPath() == null || e.getRawPath().isEmpty() || e.getRawPath().equals("/"));
    return plainEndpoint && (pathStyle(config) || SIMPLE_BUCKET.matcher(config.bucket()).matches());
  }

  /** Path-style when configured, and (as the SDK's endpoint rules do) always for an IP-address endpoint. */
  private static boolean pathStyle(S3Config config) {
    URI e = config.endpoint();
    return config.pathStyle() || e != null && IP_HOST.matcher(e.getHost()).matches();
  }

  @Override
  public ObjectResponse get(String objectKey, String range, String operation, String key) {
    return send("GET", objectKey, range, operation, key);
  }

  @Override
  public ObjectResponse head(String objectKey, String operation, String key) {
    return send("HEAD", objectKey, null, operation, key);
  }

  @Override
  public void close() {
    http.close();
  }

  private ObjectResponse send(String method, String objectKey, String range, String operation, String key) {
    AwsCredentials keys;
    try {
      keys = credentials.resolveCredentials();
    } catch (RuntimeException e) {
      throw ctx.error(e, operation, key);
    }
    if (keys.accessKeyId() == null || keys.secretAccessKey() == null) {
      return "GET".equals(method) ? sdk.get(objectKey, range, operation, key) : sdk.head(objectKey, operation, key);
    }
    return Backoff.retry(ctx.config().maxAttempts(), FIRST_BACKOFF,
        () -> attempt(method, objectKey, range, operation, key, keys, true));
  }

  private ObjectResponse attempt(String method, String objectKey, String range, String operation, String key,
      AwsCredentials keys, boolean mayFollowRedirect) {
    String region = ctx.regions().region();
    URI uri = uri(objectKey, region);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", LeanHttp.hostHeader(uri));
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    if (range != null) {
      headers.put("range", range);
    }
    SseCustomerKey customerKey = ctx.config().encryption().isCustomerKey() ? ctx.config().encryption().customerKey()
        : null;
    if (customerKey != null) {
      headers.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
      headers.put("x-amz-server-side-encryption-customer-key", customerKey.base64());
      headers.put("x-amz-server-side-encryption-customer-key-md5", customerKey.md5Base64());
    }
    if (keys instanceof AwsSessionCredentials session) {
      headers.put("x-amz-security-token", session.sessionToken());
    }
    SigV4.Signature signature = signer.sign(method, uri.getRawPath(), Map.of(), headers, EMPTY_SHA256,
        Instant.now(), region, "s3", keys.accessKeyId(), keys.secretAccessKey());
    headers.remove("host");
    headers.put("x-amz-date", signature.amzDate());
    headers.put("authorization", signature.authorization());

    LeanHttp.Response r;
    try {
      r = http.send(method, uri, headers);
    } catch (IOException e) {
      throw ioError(e, operation, key);
    }
    int status = r.status();
    if (status == 200 || status == 206) {
      return success(r, method, operation, key);
    }
    String body = "HEAD".equals(method) ? "" : errorBody(r);
    String code = xmlElement(body, "Code");
    String message = xmlElement(body, "Message");
    String bucketRegion = bucketRegion(r.header("x-amz-bucket-region"), message);
    boolean redirect = status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code);
    if (redirect && mayFollowRedirect && bucketRegion != null && !bucketRegion.equals(region)) {
      ctx.regions().follow(bucketRegion);
      return attempt(method, objectKey, range, operation, key, keys, false);
    }
    throw S3Errors.service(status, code, message, bucketRegion, isThrottling(status, code), operation, ctx.store(),
        key, region, null);
  }

  /** The object's URL: path-style or virtual-host as configured, the key encoded as SigV4 signs it. */
  private URI uri(String objectKey, String region) {
    S3Config config = ctx.config();
    URI base = config.endpoint() != null ? config.endpoint() : URI.create("https://s3." + region + ".amazonaws.com");
    StringBuilder url = new StringBuilder(128).append(base.getScheme()).append("://");
    boolean pathStyle = pathStyle(config);
    if (!pathStyle) {
      url.append(config.bucket()).append('.');
    }
    url.append(base.getRawAuthority()).append('/');
    if (pathStyle) {
      url.append(config.bucket()).append('/');
    }
    int start = 0;
    for (int slash; (slash = objectKey.indexOf('/', start)) >= 0; start = slash + 1) {
      url.append(SigV4.uriEncode(objectKey.substring(start, slash))).append('/');
    }
    url.append(SigV4.uriEncode(objectKey.substring(start)));
    return URI.create(url.toString());
  }

  private ObjectResponse success(LeanHttp.Response r, String method, String operation, String key) {
    Map<String, String> metadata = new HashMap<>();
    r.forEachHeader((name, value) -> {
      if (name.startsWith(META)) {
        metadata.put(name.substring(META.length()), value);
      }
    });
    String length = r.header("content-length");
    InputStream body = r.body();
    if (length == null) {
      r.abort();
      throw StorageException.of(Kind.INTERNAL, operation, ctx.store(), key,
          "the store answered without a Content-Length; use the SDK path (LIGHTBOX_S3_LEAN_READS=false)");
    }
    if ("HEAD".equals(method)) {
      try {
        body.close();
      } catch (IOException ignored) {
        // nothing to read
      }
      body = null;
    }
    return new ObjectResponse(Long.parseLong(length.trim()), r.header("content-range"), r.header("content-type"),
        r.header("etag"), httpDate(r.header("last-modified")), r.header("cache-control"), metadata, body, r::abort);
  }

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
  private static final String DAYS = "MonTueWedThuFriSatSun";

  /** Last-Modified, which stores send as IMF-fixdate ({@code Wed, 21 Oct 2015 07:28:00 GMT}): read directly. */
  static Instant httpDate(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    int month = v.length() == 29 && v.endsWith(" GMT") ? MONTHS.indexOf(v.substring(8, 11)) : -1;
    if (month >= 0 && month % 3 == 0) {
      try {
        LocalDateTime t = LocalDateTime.of(Integer.parseInt(v, 12, 16, 10), month / 3 + 1,
            Integer.parseInt(v, 5, 7, 10), Integer.parseInt(v, 17, 19, 10), Integer.parseInt(v, 20, 22, 10),
            Integer.parseInt(v, 23, 25, 10));
        int day = (t.getDayOfWeek().getValue() - 1) * 3;
        if (v.regionMatches(0, DAYS, day, 3) && v.startsWith(", ", 3)) {
          return t.toInstant(ZoneOffset.UTC);
        }
      } catch (RuntimeException notFixdate) {
        // the general parser below decides
      }
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String errorBody(LeanHttp.Response r) {
    try (InputStream in = r.body()) {
      byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
      if (in.read() >= 0) {
        r.abort();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      r.abort();
      return "";
    }
  }

  static String xmlElement(String xml, String name) {
    int start = xml.indexOf("<" + name + ">");
    int end = start < 0 ? -1 : xml.indexOf("</" + name + ">", start);
    if (end < 0) {
      return null;
    }
    return xml.substring(start + name.length() + 2, end).replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
  }

  private static String bucketRegion(String header, String message) {
    if (header != null && header.matches("[a-z0-9-]+")) {
      return header;
    }
    if (message != null) {
      Matcher m = EXPECTING.matcher(message);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static boolean isThrottling(int status, String code) {
    return status == 429 || code != null && List.of("SlowDown", "Throttling", "ThrottlingException",
        "TooManyRequests", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled").contains(code);
  }

  private StorageException ioError(IOException e, String operation, String key) {
    if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
      return StorageException.of(Kind.TIMEOUT, operation, ctx.store(), key,
          "the store did not answer in time; try again, or raise the read timeout", e);
    }
    return ctx.error(e, operation, key);
  }
}
