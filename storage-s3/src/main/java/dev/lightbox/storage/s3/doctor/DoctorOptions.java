package dev.lightbox.storage.s3.doctor;

import java.util.List;

import dev.lightbox.storage.s3.S3Config;

/**
 * What the doctor probes and for which use.
 *
 * @param config the store as the server would open it; probes run under a temporary prefix inside its prefix
 * @param serveMode what the server will do, which decides which features are needed
 * @param origins browser origins whose CORS access to check (may be empty: not probed)
 * @param kmsKeyId a KMS key to probe SSE-KMS with (null: the configured one, if any)
 * @param applyCors write the Lightbox CORS rule for {@code origins} before probing
 * @param applyLifecycle add the recommended lifecycle defaults before probing
 */
public record DoctorOptions(S3Config config, ServeMode serveMode, List<String> origins, String kmsKeyId,
    boolean applyCors, boolean applyLifecycle) {
  public DoctorOptions {
    origins = origins == null ? List.of() : List.copyOf(origins);
    serveMode = serveMode == null ? ServeMode.REDIRECT : serveMode;
  }

  public static DoctorOptions of(S3Config config, ServeMode serveMode) {
    return new DoctorOptions(config, serveMode, List.of(), null, false, false);
  }

  public DoctorOptions withOrigins(List<String> v) {
    return new DoctorOptions(config, serveMode, v, kmsKeyId, applyCors, applyLifecycle);
  }

  public DoctorOptions withKmsKeyId(String v) {
    return new DoctorOptions(config, serveMode, origins, v, applyCors, applyLifecycle);
  }

  public DoctorOptions withApplyCors(boolean v) {
    return new DoctorOptions(config, serveMode, origins, kmsKeyId, v, applyLifecycle);
  }

  public DoctorOptions withApplyLifecycle(boolean v) {
    return new DoctorOptions(config, serveMode, origins, kmsKeyId, applyCors, v);
  }
}
