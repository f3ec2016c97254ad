package dev.lightbox.storage.testkit.contract;

import java.util.function.Predicate;

import dev.lightbox.storage.Capabilities;

/**
 * What a behaviour check needs from the target, and the reason shown when the check is skipped because
 * the target lacks it.
 *
 * @param unmetReason the skip reason, such as "backend has no ranged reads"
 * @param met true when the target has what the check needs
 */
public record Requirement(String unmetReason, Predicate<ContractTarget> met) {
  /** Every store must pass the check. */
  public static final Requirement NONE = new Requirement("", target -> true);
  public static final Requirement RANGES = capability("backend has no ranged reads", Capabilities::ranges);
  public static final Requirement PRESIGN = capability("backend has no presigned URLs", Capabilities::presign);
  public static final Requirement NO_PRESIGN = capability("backend has presigned URLs", c -> !c.presign());
  /** The server behind the store refuses a tampered or expired signature (Adobe S3Mock accepts any). */
  public static final Requirement VERIFIED_SIGNATURES = new Requirement(
      "this test server accepts any signature, so refusal cannot be shown", ContractTarget::verifiesSignatures);

  /** A requirement on one of the store's {@link Capabilities}. */
  public static Requirement capability(String unmetReason, Predicate<Capabilities> flag) {
    return new Requirement(unmetReason, target -> flag.test(target.store().capabilities()));
  }

  /** Why {@code target} cannot run the check, or null when it can. */
  public String reasonAgainst(ContractTarget target) {
    return met.test(target) ? null : unmetReason;
  }
}
