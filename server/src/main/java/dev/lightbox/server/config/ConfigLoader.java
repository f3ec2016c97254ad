package dev.lightbox.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ServerConfig} from environment variables and an optional config file of
 * {@code NAME=value} lines (environment wins). Collects every problem before failing, so one start-up
 * attempt shows them all.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  /**
   * Standard variables the S3 store also reads (see S3CredentialResolver): provider credentials, and where
   * the credentials file is looked for.
   */
  private static final java.util.Set<String> PROVIDER_KEYS = java.util.Set.of("AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "B2_APPLICATION_KEY_ID", "B2_APPLICATION_KEY", "HOME",
      "XDG_CONFIG_HOME");
  private final Map<String, String> values;
  private final SettingAliases.Resolved aliases;
  private final List<String> problems = new ArrayList<>();

  /**
   * Reads {@code settings} (file and environment merged), other tools' names for the settings resolved
   * ({@link SettingAliases}, each use logged once), {@code overrides} (command-line options) winning.
   */
  private ConfigLoader(Map<String, String> settings, Map<String, String> overrides) {
    this.aliases = SettingAliases.resolve(settings, problems);
    aliases.notes().forEach(LOG::info);
    Map<String, String> v = new HashMap<>(aliases.values());
    v.putAll(overrides);
    this.values = v;
  }

  /** From the process environment and, when given or named by LIGHTBOX_CONFIG_FILE, a config file. */
  public static ServerConfig load(Map<String, String> env, Path configFile) {
    return new ConfigLoader(merge(env, configFile), Map.of()).build();
  }

  /**
   * Only the bucket's settings, for commands that work on the bucket rather than the library
   * ({@code lightbox doctor}): the same names, file and precedence as {@link #load}, {@code overrides} winning.
   */
  public static BucketSettings loadBucket(Map<String, String> env, Path configFile, Map<String, String> overrides) {
    ConfigLoader loader = new ConfigLoader(merge(env, configFile), overrides);
    ServeMode serveMode = loader.choice("LIGHTBOX_S3_SERVE_MODE", ServeMode.class, ServeMode.REDIRECT);
    S3Config s3 = loader.s3Config();
    String logLevel = loader.logLevel();
    loader.failOnProblems();
    return new BucketSettings(s3, serveMode, logLevel);
  }

  private static Map<String, String> merge(Map<String, String> env, Path configFile) {
    Path file = configFile;
    if (file == null && notBlank(env.get("LIGHTBOX_CONFIG_FILE"))) {
      file = Path.of(env.get("LIGHTBOX_CONFIG_FILE"));
    }
    Map<String, String> merged = new HashMap<>();
    if (file != null) {
      merged.putAll(readFile(file));
    }
    env.forEach((k, v) -> {
      if (k.startsWith("LIGHTBOX_") || PROVIDER_KEYS.contains(k) || SettingAliases.isAlias(k)) {
        merged.put(k, v);
      }
    });
    return merged;
  }

  /** From settings already merged (tests use this directly). */
  public static ServerConfig fromMap(Map<String, String> settings) {
    return new ConfigLoader(settings, Map.of()).build();
  }

  /**
   * The file's settings. An unknown {@code LIGHTBOX_*} name stops start-up (a typo); other tools' names for
   * the settings are read ({@link SettingAliases}); any other name (an Immich {@code .env} holds many) is
   * ignored, and the ignored names are logged. A value in matching quotes loses them, as in {@code .env} files.
   */
  static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw new ConfigException(List.of("LIGHTBOX_CONFIG_FILE: cannot read '" + file + "' (" + e.getMessage()
          + "); fix the path or remove the setting"));
    }
    List<String> unknown = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, String> out = new HashMap<>();
    for (String name : new java.util.TreeSet<>(props.stringPropertyNames())) {
      if (name.equals("LIGHTBOX_HEAP")) {
        unknown.add("config file '" + file + "': LIGHTBOX_HEAP is read by the ./lightbox launcher before Java"
            + " starts, so it cannot come from the config file: set it in the environment");
      } else if (name.startsWith("LIGHTBOX_") && (!Setting.isKnown(name) || name.equals("LIGHTBOX_CONFIG_FILE"))) {
        unknown.add("config file '" + file + "': unknown setting '" + name
            + "'; see docs/configuration.md for the names (such as LIGHTBOX_PORT)");
      } else if (name.startsWith("LIGHTBOX_") || SettingAliases.isAlias(name)) {
        out.put(name, unquote(props.getProperty(name).trim()));
      } else {
        ignored.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown);
    }
    if (!ignored.isEmpty()) {
      LOG.warn("config file '{}': ignored {} name(s) Lightbox does not read: {} (docs/coming-from.md lists the"
          + " other tools' names it does read)", file, ignored.size(), String.join(", ", ignored));
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private ServerConfig build() {
    Path dataDir = Path.of(text("LIGHTBOX_DATA_DIR", "./lightbox-data")).toAbsolutePath().normalize();
    String host = text("LIGHTBOX_HOST", "0.0.0.0");
    int port = (int) number("LIGHTBOX_PORT", ServerConfig.DEFAULT_PORT, 0, 65535, "2283");
    String dbUrl = text("LIGHTBOX_DB_URL", "jdbc:sqlite:" + dataDir.resolve("lightbox.db"));
    if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
      problem("LIGHTBOX_DB_URL", "must start with jdbc:sqlite: or jdbc:postgresql:",
          "for example jdbc:postgresql://localhost:5432/lightbox, or unset it for SQLite in the data dir");
    }
    StorageBackend backend = choice("LIGHTBOX_STORAGE_BACKEND", StorageBackend.class, StorageBackend.DISK);
    ServeMode serveMode = choice("LIGHTBOX_S3_SERVE_MODE", ServeMode.class, ServeMode.REDIRECT);
    long expiry = number("LIGHTBOX_S3_PRESIGNED_URL_EXPIRY", 3600, 1, 604800, "3600");
    S3Config s3 = s3Config();
    if (backend == StorageBackend.S3 && blankToNull(values.get("LIGHTBOX_S3_BUCKET")) == null) {
      problem("LIGHTBOX_S3_BUCKET", "is required when LIGHTBOX_STORAGE_BACKEND=s3",
          "set LIGHTBOX_S3_BUCKET to your bucket name, or set LIGHTBOX_STORAGE_BACKEND=disk");
    }
    long maxUpload = size("LIGHTBOX_MAX_UPLOAD_SIZE", 4L << 30);
    String template = text("LIGHTBOX_STORAGE_TEMPLATE", ServerConfig.DEFAULT_TEMPLATE);
    String templateProblem = StorageTemplateCheck.problem(template);
    if (templateProblem != null) {
      problem("LIGHTBOX_STORAGE_TEMPLATE", templateProblem, "for example " + ServerConfig.DEFAULT_TEMPLATE);
    }
    String adminEmail = text("LIGHTBOX_ADMIN_EMAIL", "admin@localhost");
    String adminPassword = values.get("LIGHTBOX_ADMIN_PASSWORD");
    if (adminPassword != null && !adminPassword.isEmpty() && adminPassword.length() < 8) {
      problem("LIGHTBOX_ADMIN_PASSWORD", "is shorter than 8 characters",
          "choose a longer password, or unset it to have one generated");
    }
    long sessionTtl = number("LIGHTBOX_SESSION_TTL", 30L * 24 * 3600, 60, 365L * 24 * 3600, "2592000");
    boolean secure = bool("LIGHTBOX_COOKIE_SECURE", false);
    long cache = cacheSize();
    Operations operations = operations();
    long rescan = number("LIGHTBOX_LIBRARY_RESCAN_INTERVAL", ServerConfig.DEFAULT_LIBRARY_RESCAN.toSeconds(), 0,
        30L * 24 * 3600, "900 (seconds; 0 turns periodic rescans off)");
    boolean watch = bool("LIGHTBOX_LIBRARY_WATCH", true);
    long trashDays = number("LIGHTBOX_TRASH_DAYS", ServerConfig.DEFAULT_TRASH_DAYS, 1, 36500, "30");
    failOnProblems();
    return new ServerConfig(dataDir, host, port, dbUrl, blankToNull(values.get("LIGHTBOX_DB_USER")),
        blankToNull(values.get("LIGHTBOX_DB_PASSWORD")), backend, s3, serveMode, Duration.ofSeconds(expiry),
        maxUpload, template, adminEmail, blankToNull(adminPassword), Duration.ofSeconds(sessionTtl), secure,
        cache, operations, Duration.ofSeconds(rescan), watch, (int) trashDays);
  }

  private void failOnProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(aliases::explain).toList());
    }
  }

  private Operations operations() {
    String token = blankToNull(values.get("LIGHTBOX_METRICS_TOKEN"));
    if (token != null && token.length() < 16) {
      problem("LIGHTBOX_METRICS_TOKEN", "is shorter than 16 characters",
          "use a long random token, such as the output of: openssl rand -hex 32");
    }
    long headerTimeout = number("LIGHTBOX_HEADER_TIMEOUT", Operations.DEFAULT_HEADER_TIMEOUT.toSeconds(), 1, 3600,
        "20");
    return new Operations(logLevel(), token, Duration.ofSeconds(headerTimeout), trustedProxies());
  }

  /** LIGHTBOX_TRUSTED_PROXIES: comma-separated addresses or CIDR blocks. */
  private java.util.List<AddressRange> trustedProxies() {
    String v = blankToNull(values.get("LIGHTBOX_TRUSTED_PROXIES"));
    java.util.List<AddressRange> ranges = new java.util.ArrayList<>();
    if (v == null) {
      return ranges;
    }
    for (String part : v.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        ranges.add(AddressRange.parse(part));
      } catch (IllegalArgumentException e) {
        problem("LIGHTBOX_TRUSTED_PROXIES", e.getMessage(),
            "list the proxy's addresses or CIDR blocks, such as 127.0.0.1,::1 or 10.0.0.0/8");
      }
    }
    return ranges;
  }

  /** LIGHTBOX_LOG_LEVEL, lowercase; info when unset. */
  private String logLevel() {
    String v = blankToNull(values.get("LIGHTBOX_LOG_LEVEL"));
    if (v == null) {
      return "info";
    }
    String level = v.toLowerCase(Locale.ROOT);
    if (!Operations.LOG_LEVELS.contains(level)) {
      problem("LIGHTBOX_LOG_LEVEL", "'" + v + "' is not one of " + String.join(", ", Operations.LOG_LEVELS),
          "set it to info (the default), or debug to see more");
      return "info";
    }
    return level;
  }

  /** The bucket's settings, read by the storage library's own reader of them; null when no bucket is set. */
  private S3Config s3Config() {
    if (blankToNull(values.get("LIGHTBOX_S3_BUCKET")) == null) {
      return null;
    }
    return S3Environment.load(values, null, problems);
  }

  private String text(String name, String fallback) {
    String v = blankToNull(values.get(name));
    return v == null ? fallback : v;
  }

  private long number(String name, long fallback, long min, long max, String example) {
    String v = blankToNull(values.get(name));
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        problem(name, "'" + v + "' is out of range " + min + ".." + max, "set it to a value such as " + example);
        return fallback;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(name, "'" + v + "' is not a whole number", "set it to a value such as " + example);
      return fallback;
    }
  }

  private long size(String name, long fallback) {
    String v = blankToNull(values.get(name));
    if (v == null) {
      return fallback;
    }
    long parsed = ByteSizes.parse(v);
    if (parsed <= 0) {
      problem(name, "'" + v + "' is not a size", "use bytes or a number with KB, MB or GB, such as 500MB");
      return fallback;
    }
    return parsed;
  }

  /**
   * LIGHTBOX_CACHE_SIZE: a size, or 0 to disable the cache; at most half the heap so that serving cannot
   * run the server out of memory. Unset, it is 64 MB, or a quarter of a smaller heap.
   */
  private long cacheSize() {
    String v = blankToNull(values.get("LIGHTBOX_CACHE_SIZE"));
    long heap = Runtime.getRuntime().maxMemory();
    if (v == null) {
      return Math.min(ServerConfig.DEFAULT_CACHE_BYTES, heap / 4);
    }
    if (v.matches("0+\\s*(?i)[kmg]?b?")) {
      return 0;
    }
    long bytes = size("LIGHTBOX_CACHE_SIZE", 0);
    if (bytes > heap / 2) {
      problem("LIGHTBOX_CACHE_SIZE", "'" + v + "' is more than half of the " + (heap >> 20) + " MB heap",
          "lower it, or give the JVM more heap (-Xmx); 0 disables the cache");
      return 0;
    }
    return bytes;
  }

  private boolean bool(String name, boolean fallback) {
    String v = blankToNull(values.get(name));
    if (v == null) {
      return fallback;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> {
        return true;
      }
      case "false", "no", "0" -> {
        return false;
      }
      default -> {
        problem(name, "'" + v + "' is not true or false", "set it to true or false");
        return fallback;
      }
    }
  }

  private <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    String v = blankToNull(values.get(name));
    if (v == null) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    problem(name, "'" + v + "' is not one of " + String.join(", ", names),
        "set it to " + String.join(" or ", names));
    return fallback;
  }

  private void problem(String name, String fault, String fix) {
    problems.add(name + " " + fault + ": " + fix);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
