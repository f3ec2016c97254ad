package dev.lightbox.storage.s3.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.lightbox.storage.SseMode;
import dev.lightbox.storage.s3.ProviderPreset;
import dev.lightbox.storage.s3.S3Config;

/**
 * Probes a bucket for what Lightbox needs and what the provider offers, under a temporary prefix of the
 * configured one, and removes everything it made, also when a probe fails. Nothing outside that prefix
 * is read, written or deleted, except the bucket-wide CORS and lifecycle settings, which are only read
 * unless asked to apply them.
 *
 * <pre>{@code
 * DoctorReport report = BucketDoctor.run(DoctorOptions.of(config, ServeMode.REDIRECT));
 * System.out.print(DoctorTable.render(report));
 * System.exit(report.exitCode());
 * }</pre>
 */
public final class BucketDoctor {
  private BucketDoctor() {
  }

  public static DoctorReport run(DoctorOptions options) {
    ProbeContext ctx = new ProbeContext(options);
    List<ProbeResult> results = new ArrayList<>();
    ProviderPreset preset = options.config().preset();
    DoctorCleanup.Outcome cleanup;
    try {
      probe(ctx, results);
      preset = Suggestions.preset(ctx);
    } finally {
      cleanup = clean(ctx);
      ctx.close();
    }
    Map<String, ProbeResult> byFeature = new LinkedHashMap<>();
    results.forEach(r -> byFeature.put(r.feature(), r));
    List<String> settings = Suggestions.settings(options, ctx, byFeature, preset);
    return new DoctorReport(describe(options.config(), ctx), "s3://" + ctx.bucket() + "/" + ctx.prefix,
        options.serveMode(), results, preset, settings, cleanup.clean(), cleanup.text());
  }

  private static void probe(ProbeContext ctx, List<ProbeResult> results) {
    BasicProbes basic = new BasicProbes(ctx);
    ProbeResult auth = guard(Feature.AUTH, true, basic::auth);
    results.add(auth);
    List<String> rest = List.of(Feature.PUT_GET, Feature.LIST, Feature.RANGE, Feature.MULTIPART, Feature.PRESIGNED_GET,
        Feature.PRESIGNED_PUT, Feature.BATCH_DELETE, Feature.CHECKSUM, Feature.SSE_S3, Feature.SSE_KMS, Feature.SSE_C,
        Feature.OBJECT_LOCK, Feature.CORS, Feature.LIFECYCLE);
    if (auth.status() != ProbeStatus.WORKS) {
      rest.forEach(f -> results.add(ProbeResult.skipped(f, false, "needs auth to work first")));
      return;
    }
    if (ctx.config.readOnly()) {
      results.add(ProbeResult.fails(Feature.WRITES, true, "the credentials are read-only ("
          + ctx.config.credentialsSource() + "), so nothing was written", "the server stores uploads: use "
          + "credentials without read_only"));
      rest.forEach(f -> results.add(ProbeResult.skipped(f, false, "read-only credentials")));
      return;
    }
    ProbeResult putGet = guard(Feature.PUT_GET, true, basic::putGet);
    results.add(putGet);
    boolean haveObject = putGet.status() == ProbeStatus.WORKS;
    boolean redirect = ctx.options.serveMode() == ServeMode.REDIRECT;
    results.add(haveObject ? guard(Feature.LIST, true, basic::list) : skippedAfterPut(Feature.LIST, true));
    results.add(haveObject ? guard(Feature.RANGE, true, basic::range) : skippedAfterPut(Feature.RANGE, true));
    results.add(guard(Feature.MULTIPART, true, basic::multipart));
    results.add(haveObject ? guard(Feature.PRESIGNED_GET, redirect, basic::presignedGet)
        : skippedAfterPut(Feature.PRESIGNED_GET, redirect));
    results.add(guard(Feature.PRESIGNED_PUT, false, basic::presignedPut));
    results.add(guard(Feature.BATCH_DELETE, true, basic::batchDelete));
    results.add(guard(Feature.CHECKSUM, ctx.config.sendChecksumSha256(), basic::checksum));
    ProtectionProbes protection = new ProtectionProbes(ctx);
    SseMode configured = ctx.options.config().encryption().mode();
    results.add(guard(Feature.SSE_S3, configured == SseMode.SSE_S3, protection::sseS3));
    results.add(guard(Feature.SSE_KMS, configured == SseMode.SSE_KMS, protection::sseKms));
    results.add(guard(Feature.SSE_C, configured == SseMode.SSE_C, protection::sseC));
    if (configured == SseMode.SSE_C && redirect) {
      results.add(protection.sseCWithRedirects());
    }
    results.add(guard(Feature.OBJECT_LOCK, false, protection::objectLock));
    BucketSettingsProbes settings = new BucketSettingsProbes(ctx);
    results.add(haveObject ? guard(Feature.CORS, redirect, settings::cors) : skippedAfterPut(Feature.CORS, redirect));
    results.add(guard(Feature.LIFECYCLE, false, settings::lifecycle));
  }

  /** A probe that throws what it did not expect still gives a row, and the others still run. */
  private static ProbeResult guard(String feature, boolean needed, Supplier<ProbeResult> probe) {
    try {
      return probe.get();
    } catch (RuntimeException e) {
      return ProbeResult.fails(feature, needed, "unexpected: " + ProbeContext.reason(e), null);
    }
  }

  private static ProbeResult skippedAfterPut(String feature, boolean needed) {
    return ProbeResult.skipped(feature, needed, "needs put and get to work first");
  }

  private static DoctorCleanup.Outcome clean(ProbeContext ctx) {
    try {
      return new DoctorCleanup(ctx).run();
    } catch (RuntimeException e) {
      return new DoctorCleanup.Outcome(false, "clean-up failed (" + ProbeContext.reason(e) + "); remove "
          + "s3://" + ctx.bucket() + "/" + ctx.prefix + " by hand");
    }
  }

  private static String describe(S3Config c, ProbeContext ctx) {
    return c.describe() + " at " + (c.endpoint() == null ? "AWS" : c.endpoint()) + " (preset " + c.preset().id()
        + ", region " + ctx.region() + ", credentials: " + c.credentialsSource()
        + (c.encryption().isNone() ? "" : ", encryption " + c.encryption().describe()) + ")";
  }
}
