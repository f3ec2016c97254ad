package dev.lightbox.storage.s3.doctor;

/**
 * One row of the doctor's table.
 *
 * @param feature what was probed, such as {@code presigned GET}
 * @param needed true when the configured serve mode (or encryption) depends on it
 * @param detail what was seen, never a secret
 * @param fix what to do about a failure, or null
 */
public record ProbeResult(String feature, ProbeStatus status, boolean needed, String detail, String fix) {
  public static ProbeResult works(String feature, boolean needed, String detail) {
    return new ProbeResult(feature, ProbeStatus.WORKS, needed, detail, null);
  }

  public static ProbeResult fails(String feature, boolean needed, String detail, String fix) {
    return new ProbeResult(feature, ProbeStatus.FAILS, needed, detail, fix);
  }

  public static ProbeResult notSupported(String feature, boolean needed, String detail, String fix) {
    return new ProbeResult(feature, ProbeStatus.NOT_SUPPORTED, needed, detail, fix);
  }

  public static ProbeResult skipped(String feature, boolean needed, String detail) {
    return new ProbeResult(feature, ProbeStatus.SKIPPED, needed, detail, null);
  }

  /** True when a feature the serve mode needs does not work. */
  public boolean blocks() {
    return needed && (status == ProbeStatus.FAILS || status == ProbeStatus.NOT_SUPPORTED);
  }
}
