package dev.lightbox.storage.s3.internal;

import java.util.ArrayList;
import java.util.List;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.CorsPolicy;
import dev.lightbox.storage.s3.CorsResult;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * Writes the Lightbox CORS rule (id {@value CorsPolicy#RULE_ID}) into the bucket's CORS configuration,
 * keeping the bucket's other rules as they are, then reads it back to check the store kept it.
 */
public final class BucketCors {
  private final S3Context ctx;

  public BucketCors(S3Context ctx) {
    this.ctx = ctx;
  }

  public static CORSRule rule(CorsPolicy policy) {
    return CORSRule.builder().id(CorsPolicy.RULE_ID).allowedOrigins(policy.origins())
        .allowedMethods(CorsPolicy.METHODS).allowedHeaders(CorsPolicy.ALLOWED_HEADERS)
        .exposeHeaders(CorsPolicy.EXPOSED_HEADERS).maxAgeSeconds(policy.maxAgeSeconds()).build();
  }

  public CorsResult apply(CorsPolicy policy) {
    if (!ctx.config().quirks().cors()) {
      return new CorsResult(false, false, List.of(), ctx.config().preset().displayName()
          + " has no bucket CORS in its S3 API; configure CORS in the provider (for MinIO: MINIO_API_CORS_ALLOW_ORIGIN)"
          + " or serve through the server (LIGHTBOX_S3_SERVE_MODE=proxy)");
    }
    List<CORSRule> existing;
    try {
      existing = read();
    } catch (StorageException e) {
      return new CorsResult(false, false, List.of(), "could not read the bucket's CORS rules, so none were changed: "
          + e.getMessage());
    }
    List<CORSRule> theirs = existing.stream().filter(r -> !CorsPolicy.RULE_ID.equals(r.id())).toList();
    List<String> kept = theirs.stream().map(r -> r.id() == null ? "(rule without id)" : r.id()).toList();
    List<CORSRule> merged = new ArrayList<>(theirs);
    CORSRule ours = rule(policy);
    merged.add(ours);
    try {
      ctx.client().putBucketCors(b -> b.bucket(ctx.bucket()).corsConfiguration(c -> c.corsRules(merged)));
    } catch (RuntimeException e) {
      return new CorsResult(false, false, kept, "the store refused the CORS rules (nothing changed): "
          + ctx.error(e, "apply CORS", null).getMessage());
    }
    try {
      List<CORSRule> after = read();
      boolean verified = after.stream().anyMatch(r -> CorsPolicy.RULE_ID.equals(r.id())
          && r.allowedOrigins().containsAll(policy.origins()) && r.allowedMethods().containsAll(CorsPolicy.METHODS)
          && r.exposeHeaders().containsAll(CorsPolicy.EXPOSED_HEADERS));
      return new CorsResult(true, verified, kept, verified ? null
          : "the store accepted the rule but does not return it as sent; check the bucket's CORS settings");
    } catch (StorageException e) {
      return new CorsResult(true, false, kept, "the rule was sent but could not be read back: " + e.getMessage());
    }
  }

  private List<CORSRule> read() {
    try {
      return ctx.client().getBucketCors(b -> b.bucket(ctx.bucket())).corsRules();
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "read CORS rules", null);
      if (mapped.kind() == StorageException.Kind.NOT_FOUND && !mapped.getMessage().contains("NoSuchBucket")) {
        return List.of();
      }
      throw mapped;
    }
  }
}
