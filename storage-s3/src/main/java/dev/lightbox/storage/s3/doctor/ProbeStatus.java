package dev.lightbox.storage.s3.doctor;

/** The outcome of one probe. */
public enum ProbeStatus {
  /** The store did what was asked, checked end to end. */
  WORKS("works"),
  /** The store should do this but did not; the result carries the fix. */
  FAILS("fails"),
  /** The store does not offer this (refused, or accepted and ignored). */
  NOT_SUPPORTED("not supported"),
  /** Not probed: nothing to probe with (no KMS key, no origin) or an earlier probe failed. */
  SKIPPED("skipped");

  private final String label;

  ProbeStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
