package dev.lightbox.storage.s3.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.s3.ProviderPreset;
import dev.lightbox.storage.s3.S3Config;

/** The preset and settings the doctor suggests, from the endpoint, the server's answers and the results. */
final class Suggestions {
  private Suggestions() {
  }

  /** The endpoint's provider; for unknown hosts, what the Server header says (MinIO, Ceph), else custom. */
  static ProviderPreset preset(ProbeContext ctx) {
    ProviderPreset byHost = ProviderPreset.detect(ctx.config.endpoint());
    if (byHost != ProviderPreset.CUSTOM) {
      return byHost;
    }
    if (ctx.config.preset() == ProviderPreset.MINIO || ctx.config.preset() == ProviderPreset.CEPH) {
      return ctx.config.preset();
    }
    try {
      var head = ctx.raw.headBucket(b -> b.bucket(ctx.bucket()));
      String server = head.sdkHttpResponse().firstMatchingHeader("Server").orElse("").toLowerCase(Locale.ROOT);
      String requestId = head.sdkHttpResponse().firstMatchingHeader("x-amz-request-id").orElse("");
      if (server.contains("minio")) {
        return ProviderPreset.MINIO;
      }
      if (server.contains("ceph") || server.contains("rgw") || requestId.startsWith("tx0")) {
        return ProviderPreset.CEPH;
      }
    } catch (RuntimeException e) {
      // no hint from the server
    }
    return ProviderPreset.CUSTOM;
  }

  static List<String> settings(DoctorOptions options, ProbeContext ctx, Map<String, ProbeResult> results,
      ProviderPreset preset) {
    S3Config c = options.config();
    List<String> out = new ArrayList<>();
    out.add("LIGHTBOX_S3_PRESET=" + preset.id());
    // Presets with a fixed or region-made endpoint need none; MinIO, Ceph, custom and R2 (account id) do.
    if (c.endpoint() != null && (preset.needsEndpoint() || preset.endpointTemplate().contains("{accountId}"))) {
      out.add("LIGHTBOX_S3_ENDPOINT=" + c.endpoint());
    }
    if (!ctx.region().equals(preset.defaultRegion())) {
      out.add("LIGHTBOX_S3_REGION=" + ctx.region());
    }
    out.add("LIGHTBOX_S3_BUCKET=" + c.bucket());
    if (!c.keyPrefix().isEmpty()) {
      out.add("LIGHTBOX_S3_PREFIX=" + c.keyPrefix());
    }
    if (c.pathStyle() != preset.pathStyle()) {
      out.add("LIGHTBOX_S3_PATH_STYLE=" + c.pathStyle());
    }
    ProbeResult checksum = results.get(Feature.CHECKSUM);
    if (checksum != null) {
      boolean verified = checksum.status() == ProbeStatus.WORKS;
      if (verified != preset.quirks().checksumSha256Header()) {
        out.add("LIGHTBOX_S3_CHECKSUM_SHA256=" + verified);
      }
    }
    ProbeResult delete = results.get(Feature.BATCH_DELETE);
    if (delete != null && delete.status() == ProbeStatus.FAILS && c.maxBatchDelete() > 1) {
      out.add("LIGHTBOX_S3_MAX_BATCH_DELETE=1");
    }
    out.addAll(encryption(c, results));
    ProbeResult presigned = results.get(Feature.PRESIGNED_GET);
    boolean redirectWorks = presigned != null && presigned.status() == ProbeStatus.WORKS
        && c.encryption().mode() != SseMode.SSE_C;
    out.add("LIGHTBOX_S3_SERVE_MODE=" + (redirectWorks ? options.serveMode().name().toLowerCase(Locale.ROOT) : "proxy"));
    return out;
  }

  private static List<String> encryption(S3Config c, Map<String, ProbeResult> results) {
    SseMode mode = c.encryption().mode();
    if (mode == null) {
      ProbeResult s3 = results.get(Feature.SSE_S3);
      return s3 != null && s3.status() == ProbeStatus.WORKS ? List.of("LIGHTBOX_S3_SSE=sse-s3") : List.of();
    }
    String feature = switch (mode) {
      case SSE_S3 -> Feature.SSE_S3;
      case SSE_KMS -> Feature.SSE_KMS;
      case SSE_C -> Feature.SSE_C;
    };
    ProbeResult r = results.get(feature);
    if (r != null && r.status() != ProbeStatus.WORKS && r.status() != ProbeStatus.SKIPPED) {
      return List.of("LIGHTBOX_S3_SSE=none");
    }
    return List.of("LIGHTBOX_S3_SSE=" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
