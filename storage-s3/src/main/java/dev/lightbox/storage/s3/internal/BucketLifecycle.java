package dev.lightbox.storage.s3.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.LifecycleDefaults;
import dev.lightbox.storage.s3.LifecycleResult;
import dev.lightbox.storage.s3.ProviderQuirks;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/**
 * Merges Lightbox's lifecycle defaults into a bucket's rules: the bucket's own rules go back exactly as
 * read, a rule of theirs that already does the job wins over ours, and ours (known by id) are added or
 * updated. What the store refuses is reported, never thrown.
 */
public final class BucketLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(BucketLifecycle.class);
  private final S3Context ctx;

  public BucketLifecycle(S3Context ctx) {
    this.ctx = ctx;
  }

  public LifecycleResult apply(LifecycleDefaults defaults) {
    List<String> applied = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    ProviderQuirks q = ctx.config().quirks();
    String provider = ctx.config().preset().displayName();
    if (!q.lifecycle()) {
      return result(applied, List.of("all: " + provider + " has no lifecycle rules in its S3 API; set them in the "
          + "provider's console"), List.of(), null);
    }
    List<LifecycleRule> existing;
    try {
      existing = read();
    } catch (StorageException e) {
      return result(applied, skipped, List.of(), "could not read the bucket's lifecycle rules, so none were changed: "
          + e.getMessage());
    }
    List<LifecycleRule> theirs = existing.stream().filter(r -> !isOurs(r)).toList();
    List<LifecycleRule> ours = new ArrayList<>(existing.stream().filter(BucketLifecycle::isOurs).toList());
    boolean changed = false;
    if (defaults.abortIncompleteMultipartDays() != null) {
      int days = defaults.abortIncompleteMultipartDays();
      if (!q.lifecycleAbortMultipart()) {
        skipped.add("abort incomplete multipart uploads: " + provider + " has no AbortIncompleteMultipartUpload action");
      } else {
        changed |= merge(ours, theirs, LifecycleDefaults.ABORT_RULE_ID, days, applied, skipped,
            "abort incomplete multipart uploads after " + days + " days",
            r -> r.abortIncompleteMultipartUpload() == null ? null
                : r.abortIncompleteMultipartUpload().daysAfterInitiation(),
            b -> b.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(days)));
      }
    }
    if (defaults.expireNoncurrentDays() != null) {
      int days = defaults.expireNoncurrentDays();
      if (!q.lifecycleNoncurrentExpiration()) {
        skipped.add("expire noncurrent versions: " + provider + " has no NoncurrentVersionExpiration action");
      } else {
        changed |= merge(ours, theirs, LifecycleDefaults.NONCURRENT_RULE_ID, days, applied, skipped,
            "expire noncurrent versions after " + days + " days",
            r -> r.noncurrentVersionExpiration() == null ? null : r.noncurrentVersionExpiration().noncurrentDays(),
            b -> b.noncurrentVersionExpiration(n -> n.noncurrentDays(days)));
      }
    }
    List<String> kept = theirs.stream().map(r -> r.id() == null ? "(rule without id)" : r.id()).toList();
    if (!changed) {
      return result(applied, skipped, kept, null);
    }
    List<LifecycleRule> merged = new ArrayList<>(theirs);
    merged.addAll(ours);
    try {
      ctx.client().putBucketLifecycleConfiguration(b -> b.bucket(ctx.bucket()).lifecycleConfiguration(c -> c.rules(merged)));
      List<LifecycleRule> after = read();
      if (!after.containsAll(theirs)) {
        return result(applied, skipped, kept, "the store changed the bucket's own rules while saving: compare them "
            + "with " + kept);
      }
    } catch (StorageException e) {
      LOG.warn("lifecycle defaults not applied to {}: {}", ctx.store(), e.getMessage());
      return result(List.of(), skipped, kept, "the store refused the lifecycle rules (nothing changed): " + e.getMessage());
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "apply lifecycle defaults", null);
      LOG.warn("lifecycle defaults not applied to {}: {}", ctx.store(), mapped.getMessage());
      return result(List.of(), skipped, kept, "the store refused the lifecycle rules (nothing changed): "
          + mapped.getMessage());
    }
    return result(applied, skipped, kept, null);
  }

  private boolean merge(List<LifecycleRule> ours, List<LifecycleRule> theirs, String id, int days,
      List<String> applied, List<String> skipped, String what,
      java.util.function.Function<LifecycleRule, Integer> daysOf,
      java.util.function.Consumer<LifecycleRule.Builder> action) {
    String prefix = ctx.config().keyPrefix();
    for (LifecycleRule r : theirs) {
      Integer d = daysOf.apply(r);
      String p = prefixOf(r);
      if (d != null && r.status() == ExpirationStatus.ENABLED && p != null && prefix.startsWith(p)) {
        skipped.add(what + ": the bucket's rule '" + r.id() + "' already does this (" + d + " days)");
        return false;
      }
    }
    LifecycleRule.Builder b = LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix(prefix).build());
    action.accept(b);
    LifecycleRule wanted = b.build();
    for (int i = 0; i < ours.size(); i++) {
      if (id.equals(ours.get(i).id())) {
        if (ours.get(i).equals(wanted)) {
          applied.add(what + " (already in place)");
          return false;
        }
        Integer was = daysOf.apply(ours.get(i));
        ours.set(i, wanted);
        applied.add(what + " (updated Lightbox's rule" + (was == null ? "" : ", was " + was + " days") + ")");
        return true;
      }
    }
    ours.add(wanted);
    applied.add(what);
    return true;
  }

  /** The prefix a rule applies to when it applies to every object under it, else null (tags, sizes). */
  private static String prefixOf(LifecycleRule r) {
    if (r.filter() == null) {
      return r.prefix() == null ? "" : r.prefix();
    }
    LifecycleRuleFilter f = r.filter();
    if (f.tag() != null || f.and() != null || f.objectSizeGreaterThan() != null || f.objectSizeLessThan() != null) {
      return null;
    }
    return f.prefix() == null ? "" : f.prefix();
  }

  private static boolean isOurs(LifecycleRule r) {
    return LifecycleDefaults.ABORT_RULE_ID.equals(r.id()) || LifecycleDefaults.NONCURRENT_RULE_ID.equals(r.id());
  }

  private List<LifecycleRule> read() {
    try {
      return ctx.client().getBucketLifecycleConfiguration(b -> b.bucket(ctx.bucket())).rules();
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "read lifecycle rules", null);
      if (mapped.kind() == StorageException.Kind.NOT_FOUND && !mapped.getMessage().contains("NoSuchBucket")) {
        return List.of();
      }
      throw mapped;
    }
  }

  private static LifecycleResult result(List<String> applied, List<String> skipped, List<String> kept, String failure) {
    return new LifecycleResult(applied, skipped, kept, failure);
  }
}
