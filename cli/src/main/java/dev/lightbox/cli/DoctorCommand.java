package dev.lightbox.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Environment;
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
        "Settings come from LIGHTBOX_S3_* environment variables (see docs/providers.md), a config file, and these "
            + "options, which win. Credentials: LIGHTBOX_S3_ACCESS_KEY_ID / LIGHTBOX_S3_SECRET_ACCESS_KEY, AWS_*, "
            + "B2_APPLICATION_KEY_ID / B2_APPLICATION_KEY, a --profile, or the AWS SDK default chain.",
        "Exit status: 0 when everything the serve mode needs works, 1 when something needed does not (or --sweep "
            + "could not remove everything), 78 when the settings are invalid."})
final class DoctorCommand implements Callable<Integer> {
  static final int NOT_READY = 1;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "File of LIGHTBOX_S3_NAME=value lines.")
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
      options = options(settings());
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

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    if (configFile != null) {
      s.putAll(readFile(configFile));
    }
    s.putAll(environment);
    put(s, "LIGHTBOX_S3_PRESET", preset);
    put(s, "LIGHTBOX_S3_ENDPOINT", endpoint);
    put(s, "LIGHTBOX_S3_REGION", region);
    put(s, "LIGHTBOX_S3_ACCOUNT_ID", accountId);
    put(s, "LIGHTBOX_S3_BUCKET", bucket);
    put(s, "LIGHTBOX_S3_PREFIX", prefix);
    put(s, "LIGHTBOX_S3_PATH_STYLE", pathStyle == null ? null : pathStyle.toString());
    put(s, "LIGHTBOX_S3_SERVE_MODE", serveMode);
    return s;
  }

  private DoctorOptions options(Map<String, String> s) {
    String b = s.get("LIGHTBOX_S3_BUCKET");
    if (b == null || b.isBlank()) {
      throw new IllegalArgumentException("no bucket: give --bucket or set LIGHTBOX_S3_BUCKET");
    }
    S3Config config = S3Environment.configure(s, profile).build();
    String mode = s.getOrDefault("LIGHTBOX_S3_SERVE_MODE", "redirect");
    return DoctorOptions.of(config, ServeMode.parse(mode)).withOrigins(origins).withKmsKeyId(kmsKeyId)
        .withApplyCors(applyCors).withApplyLifecycle(applyLifecycle);
  }

  private static void put(Map<String, String> s, String name, String value) {
    if (value != null) {
      s.put(name, value);
    }
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file '" + file + "' (" + e.getClass().getSimpleName()
          + "); fix the path");
    }
    Map<String, String> out = new HashMap<>();
    props.stringPropertyNames().forEach(n -> out.put(n, props.getProperty(n).trim()));
    return out;
  }
}
