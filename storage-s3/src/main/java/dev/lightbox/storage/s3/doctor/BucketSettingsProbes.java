package dev.lightbox.storage.s3.doctor;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.CorsPolicy;
import dev.lightbox.storage.s3.CorsResult;
import dev.lightbox.storage.s3.LifecycleDefaults;
import dev.lightbox.storage.s3.LifecycleResult;
import dev.lightbox.storage.s3.S3BlobStore;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/** Bucket-wide settings: the CORS rule browsers need, and lifecycle rules against forgotten uploads. */
final class BucketSettingsProbes {
  private final ProbeContext ctx;

  BucketSettingsProbes(ProbeContext ctx) {
    this.ctx = ctx;
  }

  ProbeResult cors() {
    List<String> origins = ctx.options.origins();
    boolean needed = ctx.options.serveMode() == ServeMode.REDIRECT;
    String feature = Feature.CORS;
    if (origins.isEmpty()) {
      return ProbeResult.skipped(feature, false, "no origin to check (--origin https://your.site)");
    }
    CorsPolicy policy;
    try {
      policy = CorsPolicy.forOrigins(origins);
    } catch (StorageException e) {
      return ProbeResult.fails(feature, needed, ProbeContext.reason(e), "give origins as scheme://host[:port]");
    }
    if (ctx.options.applyCors()) {
      CorsResult applied = ctx.store.applyCors(policy);
      if (!applied.ok()) {
        return ProbeResult.fails(feature, needed, "could not apply the CORS rule: " + applied.failure(),
            "configure CORS in the provider's console, or LIGHTBOX_S3_SERVE_MODE=proxy");
      }
    }
    List<CORSRule> rules;
    try {
      rules = ctx.raw.getBucketCors(b -> b.bucket(ctx.bucket())).corsRules();
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "GetBucketCors");
      if (mapped.kind() == StorageException.Kind.UNSUPPORTED) {
        return ProbeResult.notSupported(feature, needed, "no bucket CORS in this store's S3 API: "
            + ProbeContext.reason(mapped), "configure CORS in the provider, or LIGHTBOX_S3_SERVE_MODE=proxy");
      }
      rules = mapped.kind() == StorageException.Kind.NOT_FOUND ? List.of() : null;
      if (rules == null) {
        return ProbeResult.fails(feature, needed, ProbeContext.reason(mapped), "grant s3:GetBucketCORS");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String origin : policy.origins()) {
      if (rules.stream().noneMatch(r -> covers(r, origin))) {
        missing.add(origin);
      }
    }
    String apply = "lightbox doctor --apply-cors " + String.join(" ", policy.origins().stream()
        .map(o -> "--origin " + o).toList());
    if (!missing.isEmpty()) {
      return ProbeResult.fails(feature, needed, "no CORS rule lets " + String.join(", ", missing) + " GET and HEAD "
          + "with the media headers exposed", "run: " + apply);
    }
    String live = liveCheck(policy.origins().getFirst());
    return live == null
        ? ProbeResult.works(feature, needed, "rule present; a preflight and a GET from " + policy.origins().getFirst()
            + " got the CORS headers")
        : ProbeResult.fails(feature, needed, "the rule is there but " + live, "check the rule in the provider's console");
  }

  private static boolean covers(CORSRule r, String origin) {
    boolean originOk = r.allowedOrigins().stream().anyMatch(o -> o.equals("*") || o.equalsIgnoreCase(origin)
        || o.contains("*") && origin.matches(java.util.regex.Pattern.quote(o).replace("*", "\\E[^/]*\\Q")));
    boolean methods = r.allowedMethods().containsAll(CorsPolicy.METHODS);
    List<String> exposed = r.exposeHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    boolean headers = CorsPolicy.EXPOSED_HEADERS.stream().allMatch(h -> exposed.contains(h.toLowerCase(Locale.ROOT)));
    return originOk && methods && headers;
  }

  /** A preflight and a real GET from the origin; null when both carry the CORS headers, else what was missing. */
  private String liveCheck(String origin) {
    try {
      PresignedUrl url = ctx.store.presignGet(BlobKey.of("probe.bin"), PresignRequest.expiringIn(Duration.ofMinutes(5)));
      HttpResponse<Void> preflight = ctx.http.send(HttpRequest.newBuilder(url.url())
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
          .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.discarding());
      String allowed = preflight.headers().firstValue("access-control-allow-origin").orElse(null);
      if (preflight.statusCode() != 200 || allowed == null) {
        return "the preflight got HTTP " + preflight.statusCode() + " without Access-Control-Allow-Origin";
      }
      HttpResponse<Void> get = ctx.http.send(HttpRequest.newBuilder(url.url()).GET().header("Origin", origin).build(),
          HttpResponse.BodyHandlers.discarding());
      String exposed = get.headers().firstValue("access-control-expose-headers").orElse("").toLowerCase(Locale.ROOT);
      boolean all = CorsPolicy.EXPOSED_HEADERS.stream().allMatch(h -> exposed.contains(h.toLowerCase(Locale.ROOT)));
      return get.headers().firstValue("access-control-allow-origin").isPresent() && all ? null
          : "a GET from the origin did not expose " + CorsPolicy.EXPOSED_HEADERS;
    } catch (Exception e) {
      return "the live check failed: " + ProbeContext.reason(e);
    }
  }

  ProbeResult lifecycle() {
    String feature = Feature.LIFECYCLE;
    String note = "";
    if (ctx.options.applyLifecycle()) {
      try (S3BlobStore configured = S3BlobStore.open(ctx.options.config())) {
        LifecycleResult result = configured.applyLifecycleDefaults(LifecycleDefaults.recommended());
        if (!result.ok()) {
          return ProbeResult.fails(feature, false, result.failure(), "set the rules in the provider's console");
        }
        note = "; applied: " + String.join(", ", result.applied())
            + (result.skipped().isEmpty() ? "" : "; skipped: " + String.join(", ", result.skipped()));
      }
    }
    List<LifecycleRule> rules;
    try {
      rules = ctx.raw.getBucketLifecycleConfiguration(b -> b.bucket(ctx.bucket())).rules();
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "GetBucketLifecycleConfiguration");
      if (mapped.kind() == StorageException.Kind.UNSUPPORTED || !ctx.config.quirks().lifecycle()) {
        return ProbeResult.notSupported(feature, false, ProbeContext.reason(mapped),
            "abort forgotten multipart uploads with the provider's own tools");
      }
      if (mapped.kind() != StorageException.Kind.NOT_FOUND) {
        return ProbeResult.fails(feature, false, ProbeContext.reason(mapped), "grant s3:GetLifecycleConfiguration");
      }
      rules = List.of();
    }
    String prefix = ctx.options.config().keyPrefix();
    for (LifecycleRule r : rules) {
      String p = r.filter() != null && r.filter().prefix() != null ? r.filter().prefix() : r.prefix() == null ? "" : r.prefix();
      if (r.abortIncompleteMultipartUpload() != null && prefix.startsWith(p)) {
        return ProbeResult.works(feature, false, "rule '" + r.id() + "' aborts incomplete uploads after "
            + r.abortIncompleteMultipartUpload().daysAfterInitiation() + " days" + note);
      }
    }
    return ProbeResult.works(feature, false, rules.size() + " rule(s), none aborts incomplete multipart uploads; "
        + "add Lightbox's defaults with --apply-lifecycle" + note);
  }
}
