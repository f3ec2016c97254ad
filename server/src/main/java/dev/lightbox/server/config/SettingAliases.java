package dev.lightbox.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The names other tools give Lightbox's settings (Immich, InvokeAI, ComfyUI's cloud-storage nodes, genblaze),
 * read when the {@code LIGHTBOX_*} name is absent, translated where the vocabularies differ. The one table of
 * them; docs/coming-from.md explains each.
 */
final class SettingAliases {
  /**
   * One alias.
   *
   * @param name the other tool's variable
   * @param setting the {@code LIGHTBOX_*} setting it stands for
   * @param translate its value in Lightbox's vocabulary, or null when Lightbox has no equivalent
   * @param accepted what the alias may be set to, for the error when {@code translate} gives null
   * @param secret whether its value must never be shown (keys)
   */
  record Alias(String name, String setting, UnaryOperator<String> translate, String accepted, boolean secret) {
  }

  /** What resolving the aliases gave: the settings to use and one line per alias used, for the log. */
  record Resolved(Map<String, String> values, Map<String, String> origins, List<String> notes) {
    /** Adds, to a problem that names a setting given through an alias, which alias that was. */
    String explain(String problem) {
      StringBuilder out = new StringBuilder(problem);
      origins.forEach((setting, alias) -> {
        if (problem.contains(setting)) {
          out.append(" (").append(setting).append(" was given as ").append(alias).append(")");
        }
      });
      return out.toString();
    }
  }

  private static final UnaryOperator<String> SAME = v -> v;

  static final List<Alias> ALL = List.of(
      // Immich (the S3 storage backend of Immich forks; docs/coming-from.md)
      new Alias("IMMICH_STORAGE_BACKEND", "LIGHTBOX_STORAGE_BACKEND", SettingAliases::backend, "disk, local or s3", false),
      new Alias("IMMICH_S3_BUCKET", "LIGHTBOX_S3_BUCKET", SAME, null, false),
      new Alias("IMMICH_S3_REGION", "LIGHTBOX_S3_REGION", SAME, null, false),
      new Alias("IMMICH_S3_ENDPOINT", "LIGHTBOX_S3_ENDPOINT", SAME, null, false),
      new Alias("IMMICH_S3_ACCESS_KEY_ID", "LIGHTBOX_S3_ACCESS_KEY_ID", SAME, null, true),
      new Alias("IMMICH_S3_SECRET_ACCESS_KEY", "LIGHTBOX_S3_SECRET_ACCESS_KEY", SAME, null, true),
      new Alias("IMMICH_S3_PRESIGNED_URL_EXPIRY", "LIGHTBOX_S3_PRESIGNED_URL_EXPIRY", SAME, null, false),
      new Alias("IMMICH_S3_SERVE_MODE", "LIGHTBOX_S3_SERVE_MODE", SettingAliases::serveMode, "redirect or proxy", false),
      // InvokeAI (its S3-compatible image storage)
      new Alias("INVOKEAI_STORAGE_BACKEND", "LIGHTBOX_STORAGE_BACKEND", SettingAliases::backend, "disk, local or s3", false),
      new Alias("INVOKEAI_S3_BUCKET", "LIGHTBOX_S3_BUCKET", SAME, null, false),
      new Alias("INVOKEAI_S3_ENDPOINT_URL", "LIGHTBOX_S3_ENDPOINT", SAME, null, false),
      new Alias("INVOKEAI_S3_REGION", "LIGHTBOX_S3_REGION", SAME, null, false),
      // ComfyUI cloud-storage nodes (backblaze-b2-samples/comfyui-cloud-storage)
      new Alias("COMFY_S3_PROVIDER", "LIGHTBOX_S3_PRESET", SettingAliases::preset,
          "AWS S3, Backblaze B2, Cloudflare R2, MinIO, Wasabi, DigitalOcean Spaces, GCS (S3 interop) or Custom", false),
      new Alias("COMFY_S3_ACCESS_KEY", "LIGHTBOX_S3_ACCESS_KEY_ID", SAME, null, true),
      new Alias("COMFY_S3_SECRET_KEY", "LIGHTBOX_S3_SECRET_ACCESS_KEY", SAME, null, true),
      new Alias("COMFY_S3_BUCKET", "LIGHTBOX_S3_BUCKET", SAME, null, false),
      new Alias("COMFY_S3_REGION", "LIGHTBOX_S3_REGION", SAME, null, false),
      new Alias("COMFY_S3_ENDPOINT_URL", "LIGHTBOX_S3_ENDPOINT", SAME, null, false),
      new Alias("COMFY_S3_ACCOUNT_ID", "LIGHTBOX_S3_ACCOUNT_ID", SAME, null, false),
      new Alias("COMFY_S3_PATH_PREFIX", "LIGHTBOX_S3_PREFIX", SettingAliases::prefix, null, false),
      // genblaze (its B2 sink)
      new Alias("B2_KEY_ID", "LIGHTBOX_S3_ACCESS_KEY_ID", SAME, null, true),
      new Alias("B2_APP_KEY", "LIGHTBOX_S3_SECRET_ACCESS_KEY", SAME, null, true));

  /** Settings whose values are words compared without regard to case. */
  private static final Set<String> WORDS = Set.of("LIGHTBOX_STORAGE_BACKEND", "LIGHTBOX_S3_SERVE_MODE",
      "LIGHTBOX_S3_PRESET");

  private SettingAliases() {
  }

  static boolean isAlias(String name) {
    return ALL.stream().anyMatch(a -> a.name().equals(name));
  }

  /**
   * Replaces the aliases in {@code values} by the settings they stand for. Two names of one setting with
   * different values (after translation), or an alias value with no equivalent, add a problem naming both.
   */
  static Resolved resolve(Map<String, String> values, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>(values);
    ALL.forEach(a -> out.remove(a.name()));
    Map<String, String> origins = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Set<String> settings = new LinkedHashSet<>();
    ALL.forEach(a -> settings.add(a.setting()));
    for (String setting : settings) {
      String own = blankToNull(values.get(setting));
      Map<String, String> given = new LinkedHashMap<>(); // name -> value in Lightbox's vocabulary
      if (own != null) {
        given.put(setting, own);
      }
      boolean secret = false;
      for (Alias a : ALL) {
        String raw = a.setting().equals(setting) ? blankToNull(values.get(a.name())) : null;
        if (raw == null) {
          continue;
        }
        secret |= a.secret();
        String translated = a.translate().apply(raw);
        if (translated == null) {
          problems.add(a.name() + " '" + raw + "' has no Lightbox equivalent: set it to " + a.accepted()
              + ", or set " + setting + " instead (docs/coming-from.md)");
          continue;
        }
        given.put(a.name(), translated);
      }
      if (given.isEmpty() || (given.size() == 1 && own != null)) {
        continue;
      }
      Set<String> distinct = new LinkedHashSet<>();
      given.values().forEach(v -> distinct.add(WORDS.contains(setting) ? v.toLowerCase(Locale.ROOT) : v));
      List<String> aliases = new ArrayList<>(given.keySet());
      aliases.remove(setting);
      if (distinct.size() > 1) {
        problems.add(conflict(setting, given, secret));
        continue;
      }
      String value = given.values().iterator().next();
      out.put(setting, value);
      if (own == null) {
        origins.put(setting, String.join(" and ", aliases));
        notes.add(String.join(" and ", aliases) + " read as " + setting + "; prefer " + setting
            + " (docs/coming-from.md)");
      } else {
        notes.add(String.join(" and ", aliases) + " set too, to the same value as " + setting + "; " + setting
            + " is the name to keep (docs/coming-from.md)");
      }
    }
    return new Resolved(out, origins, notes);
  }

  private static String conflict(String setting, Map<String, String> given, boolean secret) {
    List<String> names = new ArrayList<>();
    given.forEach((name, value) -> names.add(secret ? name : name + "='" + value + "'"));
    return String.join(" and ", names) + " are names of one setting with different values"
        + (secret ? " (not shown)" : "") + ": keep only " + setting + " (or give them the same value)";
  }

  /** Immich's and InvokeAI's backend names: disk (also local, filesystem) or s3. */
  static String backend(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "disk", "local", "filesystem", "fs" -> "disk";
      case "s3" -> "s3";
      default -> null;
    };
  }

  static String serveMode(String v) {
    String mode = v.trim().toLowerCase(Locale.ROOT);
    return mode.equals("redirect") || mode.equals("proxy") ? mode : null;
  }

  /** ComfyUI cloud-storage provider names (also our own preset ids) to Lightbox's presets. */
  static String preset(String v) {
    String p = v.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return switch (p) {
      case "awss3", "aws", "amazons3", "s3" -> "aws";
      case "backblazeb2", "backblaze", "b2" -> "b2";
      case "cloudflarer2", "cloudflare", "r2" -> "r2";
      case "minio" -> "minio";
      case "wasabi" -> "wasabi";
      case "digitaloceanspaces", "digitalocean", "spaces" -> "digitalocean";
      case "gcss3interop", "gcs", "googlecloudstorage" -> "gcs";
      case "ceph" -> "ceph";
      case "custom" -> "custom";
      default -> null;
    };
  }

  /** ComfyUI's path prefix may start with a slash; Lightbox's prefix is relative. */
  static String prefix(String v) {
    return v.trim().replaceFirst("^/+", "");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
