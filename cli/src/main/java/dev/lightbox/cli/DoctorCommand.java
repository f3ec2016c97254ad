package dev.lightbox.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.lightbox.server.config.BucketSettings;
import dev.lightbox.server.config.ConfigException;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.doctor.BucketDoctor;
import dev.lightbox.storage.s3.doctor.DoctorOptions;
import dev.lightbox.storage.s3.doctor.DoctorReport;
import dev.lightbox.storage.s3.doctor.DoctorTable;
import dev.lightbox.storage.s3.doctor.ServeMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lightbox doctor}: probes an S3 bucket and says what works, what does not and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Probe an S3-compatible bucket and print what works, what fails and what the provider does not "
        + "support, with the fix for each failure and the settings to use.",
        "Everything happens under a temporary prefix (.lightbox-doctor-<random>/) that is removed afterwards, also on "
            + "failure; no other key is touched. CORS and lifecycle rules are only read unless --apply-* is given.",
        "Settings are read as 'lightbox serve' reads them: LIGHTBOX_S3_* environment variables (see "
            + "docs/providers.md), a config file (--config or LIGHTBOX_CONFIG_FILE), and these options, which win. "
            + "Credentials: LIGHTBOX_S3_ACCESS_KEY_ID / LIGHTBOX_S3_SECRET_ACCESS_KEY, AWS_*, "
            + "B2_APPLICATION_KEY_ID / B2_APPLICATION_KEY, a --profile, or the AWS SDK default chain.",
        "Exit status: 0 when everything the serve mode needs works, 1 when something needed does not (or --sweep "
            + "could not remove everything), 78 when the settings are invalid."})
final class DoctorCommand implements Callable<Integer> {
  static final int NOT_READY = 1;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file of LIGHTBOX_NAME=value lines, as for serve (LIGHTBOX_CONFIG_FILE).")
  Path configFile;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "aws, b2, r2, wasabi, digitalocean, gcs, minio, ceph or custom (LIGHTBOX_S3_PRESET).")
  String preset;

  @Option(names = "--endpoint", paramLabel = "URL", description = "Endpoint URL (LIGHTBOX_S3_ENDPOINT).")
  String endpoint;

  @Option(names = "--region", description = "Bucket region (LIGHTBOX_S3_REGION).")
  String region;

  @Option(names = "--account-id", paramLabel = "ID", description = "Account id, for R2 (LIGHTBOX_S3_ACCOUNT_ID).")
  String accountId;

  @Option(names = {"-b", "--bucket"}, description = "Bucket name (LIGHTBOX_S3_BUCKET).")
  String bucket;

  @Option(names = "--prefix", description = "Key prefix the server uses (LIGHTBOX_S3_PREFIX).")
  String prefix;

  @Option(names = "--path-style", arity = "1", paramLabel = "true|false",
      description = "Path-style addressing (LIGHTBOX_S3_PATH_STYLE).")
  Boolean pathStyle;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile of ~/.config/lightbox/credentials to use (LIGHTBOX_S3_PROFILE).")
  String profile;

  @Option(names = "--serve-mode", paramLabel = "redirect|proxy",
      description = "How the server will serve media (LIGHTBOX_S3_SERVE_MODE, default redirect).")
  String serveMode;

  @Option(names = "--origin", paramLabel = "URL",
      description = "Browser origin to check CORS for, such as https://photos.example.com (repeatable).")
  List<String> origins;

  @Option(names = "--kms-key-id", paramLabel = "ID", description = "KMS key to probe SSE-KMS with.")
  String kmsKeyId;

  @Option(names = "--apply-cors", description = "Write the Lightbox CORS rule for the --origin values first.")
  boolean applyCors;

  @Option(names = "--apply-lifecycle",
      description = "Add Lightbox's lifecycle defaults first (abort incomplete uploads after 7 days, expire "
          + "noncurrent versions after 30), merged with the bucket's own rules.")
  boolean applyLifecycle;

  @Option(names = "--sweep",
      description = "Afterwards, remove what killed uploads left under the prefix: temporary objects and incomplete "
          + "multipart uploads idle for longer than --sweep-age (never an object, never an upload in progress).")
  boolean sweep;

  @Option(names = "--sweep-age", paramLabel = "HOURS", defaultValue = "24",
      description = "How old leftovers must be for --sweep (default ${DEFAULT-VALUE}, at least 1).")
  long sweepAgeHours;

  private final Map<String, String> environment;

  DoctorCommand() {
    this(System.getenv());
  }

  DoctorCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    DoctorOptions options;
    try {
      options = options();
    } catch (ConfigException e) {
      err.println("lightbox doctor: " + String.join("; ", e.problems()));
      return ErrorHandler.CONFIG_ERROR;
    } catch (StorageException | IllegalArgumentException e) {
      err.println("lightbox doctor: " + e.getMessage());
      return ErrorHandler.CONFIG_ERROR;
    }
    DoctorReport report = BucketDoctor.run(options);
    out.print(DoctorTable.render(report));
    boolean swept = !sweep || sweep(options.config(), out);
    out.flush();
    return report.ready() && swept ? 0 : NOT_READY;
  }

  /** Runs the sweep and prints one line about it; false when it could not remove everything. */
  private boolean sweep(S3Config config, java.io.PrintWriter out) {
    try (S3BlobStore store = S3BlobStore.open(config)) {
      SweepResult result = store.sweepTemporary(Duration.ofHours(sweepAgeHours));
      out.println("Sweep (leftovers older than " + sweepAgeHours + " h in " + store.describe() + "): "
          + result.summary());
      result.failures().stream().skip(1).forEach(f -> out.println("  also: " + f));
      return result.complete();
    } catch (StorageException e) {
      out.println("Sweep failed: " + e.getMessage());
      return false;
    }
  }

  /** The bucket exactly as the server would read it (ConfigLoader), these options winning. */
  private DoctorOptions options() {
    Map<String, String> overrides = new HashMap<>();
    put(overrides, "LIGHTBOX_S3_PRESET", preset);
    put(overrides, "LIGHTBOX_S3_ENDPOINT", endpoint);
    put(overrides, "LIGHTBOX_S3_REGION", region);
    put(overrides, "LIGHTBOX_S3_ACCOUNT_ID", accountId);
    put(overrides, "LIGHTBOX_S3_BUCKET", bucket);
    put(overrides, "LIGHTBOX_S3_PREFIX", prefix);
    put(overrides, "LIGHTBOX_S3_PATH_STYLE", pathStyle == null ? null : pathStyle.toString());
    put(overrides, "LIGHTBOX_S3_PROFILE", profile);
    put(overrides, "LIGHTBOX_S3_SERVE_MODE", serveMode);
    BucketSettings settings = ConfigLoader.loadBucket(environment, configFile, overrides);
    LogSettings.apply(settings.logLevel());
    if (settings.s3() == null) {
      throw new IllegalArgumentException("no bucket: give --bucket or set LIGHTBOX_S3_BUCKET");
    }
    return DoctorOptions.of(settings.s3(), ServeMode.parse(settings.serveMode().name())).withOrigins(origins)
        .withKmsKeyId(kmsKeyId).withApplyCors(applyCors).withApplyLifecycle(applyLifecycle);
  }

  private static void put(Map<String, String> s, String name, String value) {
    if (value != null) {
      s.put(name, value);
    }
  }
}
