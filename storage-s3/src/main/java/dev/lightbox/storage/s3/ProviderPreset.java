package dev.lightbox.storage.s3;

import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.StorageException;

/**
 * Settings that make one provider work out of the box: its endpoint template, default region,
 * addressing style and {@link ProviderQuirks}. Pick one with {@link S3Config.Builder#preset}; an explicit
 * endpoint, region or path style still wins over the preset's.
 */
public enum ProviderPreset {
  AWS("aws", "AWS S3", null, "us-east-1", false, ProviderQuirks.AWS),
  B2("b2", "Backblaze B2", "https://s3.{region}.backblazeb2.com", null, false, ProviderQuirks.AWS
      .withTagging(false).withConditionalWrites(false).withSseModes(EnumSet.of(SseMode.SSE_S3, SseMode.SSE_C))
      .withAcls(false).withLifecycle(false, false, false).withChecksumSha256Header(false)
      .withChunkedEncoding(false).withMissingKeyAs403(true)),
  R2("r2", "Cloudflare R2", "https://{accountId}.r2.cloudflarestorage.com", "auto", true, ProviderQuirks.AWS
      .withMaxBatchDelete(700).withMultipartEqualParts(true).withTagging(false)
      .withSseModes(EnumSet.of(SseMode.SSE_C)).withObjectLock(false).withAcls(false)
      .withLifecycle(true, true, false).withChecksumSha256Header(false).withChunkedEncoding(false)
      .withMissingKeyAs403(false)),
  WASABI("wasabi", "Wasabi", "https://s3.{region}.wasabisys.com", "us-east-1", false, ProviderQuirks.AWS
      .withConditionalWrites(false).withSseModes(EnumSet.of(SseMode.SSE_S3, SseMode.SSE_C))
      .withLifecycle(false, false, false).withChecksumSha256Header(false).withChunkedEncoding(false)),
  DIGITALOCEAN("digitalocean", "DigitalOcean Spaces", "https://{region}.digitaloceanspaces.com", "nyc3", false,
      ProviderQuirks.AWS.withConditionalWrites(false).withSseModes(EnumSet.of(SseMode.SSE_C)).withObjectLock(false)
          .withLifecycle(true, true, false).withChecksumSha256Header(false).withChunkedEncoding(false)),
  GCS("gcs", "Google Cloud Storage (XML API, HMAC keys)", "https://storage.googleapis.com", "auto", true,
      ProviderQuirks.AWS.withMaxBatchDelete(1).withMultipartCopy(false).withTagging(false)
          .withConditionalWrites(false).withSseModes(EnumSet.noneOf(SseMode.class)).withObjectLock(false)
          .withLifecycle(false, false, false).withCors(false).withChecksumSha256Header(false)
          .withChunkedEncoding(false)),
  MINIO("minio", "MinIO", null, "us-east-1", true, ProviderQuirks.AWS
      .withAcls(false).withLifecycle(true, false, true).withCors(false).withChunkedEncoding(false)
      .withMissingKeyAs403(false)),
  CEPH("ceph", "Ceph RGW", null, "us-east-1", true, ProviderQuirks.AWS
      .withConditionalWrites(false).withChecksumSha256Header(false).withChunkedEncoding(false)
      .withMissingKeyAs403(false)),
  CUSTOM("custom", "Any S3-compatible endpoint", null, "us-east-1", true, ProviderQuirks.AWS
      .withChecksumSha256Header(false).withChunkedEncoding(false));

  private final String id;
  private final String displayName;
  private final String endpointTemplate;
  private final String defaultRegion;
  private final boolean pathStyle;
  private final ProviderQuirks quirks;

  ProviderPreset(String id, String displayName, String endpointTemplate, String defaultRegion, boolean pathStyle,
      ProviderQuirks quirks) {
    this.id = id;
    this.displayName = displayName;
    this.endpointTemplate = endpointTemplate;
    this.defaultRegion = defaultRegion;
    this.pathStyle = pathStyle;
    this.quirks = quirks;
  }

  /** The name used in settings and on the command line, such as {@code r2}. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** The endpoint with {@code {region}} and {@code {accountId}} placeholders; null when there is none. */
  public String endpointTemplate() {
    return endpointTemplate;
  }

  /** The region used when none is given; null when the provider has no sensible default. */
  public String defaultRegion() {
    return defaultRegion;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public ProviderQuirks quirks() {
    return quirks;
  }

  /** True when this preset has no endpoint of its own, so one must be given (MinIO, Ceph, custom). */
  public boolean needsEndpoint() {
    return endpointTemplate == null && this != AWS;
  }

  /** The endpoint for this region and account, or null for AWS (the SDK knows it). */
  public URI endpoint(String region, String accountId) {
    if (endpointTemplate == null) {
      return null;
    }
    String url = endpointTemplate;
    if (url.contains("{region}")) {
      require(region != null && region.matches("[a-z0-9-]+"), "the " + displayName
          + " endpoint needs the bucket's region, such as " + example());
      url = url.replace("{region}", region);
    }
    if (url.contains("{accountId}")) {
      require(accountId != null && accountId.matches("[a-zA-Z0-9]{1,64}"), "the " + displayName
          + " endpoint needs your account id (LIGHTBOX_S3_ACCOUNT_ID), or give the endpoint itself");
      url = url.replace("{accountId}", accountId);
    }
    return URI.create(url);
  }

  private String example() {
    return switch (this) {
      case B2 -> "us-west-004 (it is in the bucket's endpoint s3.us-west-004.backblazeb2.com)";
      case WASABI -> "eu-central-1";
      case DIGITALOCEAN -> "nyc3, ams3 or fra1";
      default -> "us-east-1";
    };
  }

  /** The region named in an endpoint made from this preset's template, or null. */
  public String regionIn(URI endpoint) {
    if (endpointTemplate == null || !endpointTemplate.contains("{region}") || endpoint == null) {
      return null;
    }
    String regex = Pattern.quote(endpointTemplate.replace("https://", ""))
        .replace("{region}", "\\E(?<region>[a-z0-9-]+)\\Q").replace("{accountId}", "\\E[a-zA-Z0-9]+\\Q");
    Matcher m = Pattern.compile(regex).matcher(endpoint.getHost() == null ? "" : endpoint.getHost());
    return m.matches() ? m.group("region") : null;
  }

  /** The preset named {@code id} (case-insensitive), with the list of names when there is none. */
  public static ProviderPreset fromId(String id) {
    for (ProviderPreset p : values()) {
      if (p.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
        return p;
      }
    }
    throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null,
        "unknown provider preset '" + id + "'; use one of " + ids());
  }

  public static String ids() {
    StringBuilder sb = new StringBuilder();
    for (ProviderPreset p : values()) {
      sb.append(sb.isEmpty() ? "" : ", ").append(p.id);
    }
    return sb.toString();
  }

  /** The preset an endpoint's host belongs to: AWS when there is no endpoint, CUSTOM when it is not known. */
  public static ProviderPreset detect(URI endpoint) {
    if (endpoint == null || endpoint.getHost() == null) {
      return endpoint == null ? AWS : CUSTOM;
    }
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".amazonaws.com")) {
      return AWS;
    }
    if (host.endsWith(".backblazeb2.com")) {
      return B2;
    }
    if (host.endsWith(".r2.cloudflarestorage.com")) {
      return R2;
    }
    if (host.endsWith(".wasabisys.com")) {
      return WASABI;
    }
    if (host.endsWith(".digitaloceanspaces.com")) {
      return DIGITALOCEAN;
    }
    if (host.equals("storage.googleapis.com")) {
      return GCS;
    }
    return CUSTOM;
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null, problem);
    }
  }
}
