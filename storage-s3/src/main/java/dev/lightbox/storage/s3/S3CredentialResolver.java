package dev.lightbox.storage.s3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.internal.CredentialsFile;

/**
 * Finds S3 credentials in layers, a later layer overriding an earlier one:
 * <ol>
 *   <li>the environment: {@code LIGHTBOX_S3_ACCESS_KEY_ID} / {@code LIGHTBOX_S3_SECRET_ACCESS_KEY}
 *       ({@code LIGHTBOX_S3_SESSION_TOKEN}), else {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}
 *       ({@code AWS_SESSION_TOKEN}), else Backblaze's {@code B2_APPLICATION_KEY_ID} / {@code B2_APPLICATION_KEY};
 *   <li>a named profile of the credentials file ({@code $LIGHTBOX_S3_CREDENTIALS_FILE}, else
 *       {@code $XDG_CONFIG_HOME/lightbox/credentials}, else {@code ~/.config/lightbox/credentials}), when one
 *       is named ({@code LIGHTBOX_S3_PROFILE} or the caller); without a name its {@code [default]} profile is
 *       used only when the environment holds no keys. The file is refused when other users can read it;
 *   <li>the AWS SDK's default chain (instance roles, IRSA, SSO, ~/.aws) when no layer gave keys.
 * </ol>
 * {@code LIGHTBOX_S3_READ_ONLY=true} or {@code read_only = true} in the profile makes the store refuse writes.
 */
public final class S3CredentialResolver {
  private S3CredentialResolver() {
  }

  /** From this process's environment. */
  public static ResolvedCredentials resolve() {
    return resolve(System.getenv(), null);
  }

  /**
   * From {@code env}; {@code profile} (may be null) wins over {@code LIGHTBOX_S3_PROFILE}. Secrets are never
   * part of an error message.
   */
  public static ResolvedCredentials resolve(Map<String, String> env, String profile) {
    boolean readOnly = isTrue(env, "LIGHTBOX_S3_READ_ONLY");
    ResolvedCredentials fromEnv = fromEnvironment(env, readOnly);
    String named = blankToNull(profile != null ? profile : env.get("LIGHTBOX_S3_PROFILE"));
    Path file = credentialsFile(env);
    if (named != null) {
      return fromProfile(CredentialsFile.read(file), named, readOnly);
    }
    if (fromEnv != null) {
      return fromEnv;
    }
    if (file != null && Files.exists(file)) {
      CredentialsFile credentials = CredentialsFile.read(file);
      if (credentials.has("default")) {
        return fromProfile(credentials, "default", readOnly);
      }
    }
    return new ResolvedCredentials(null, readOnly, null,
        "the AWS SDK default chain (environment, ~/.aws, SSO, IRSA or instance role)");
  }

  /** Where the credentials file is looked for; null when neither a home nor a config dir is known. */
  public static Path credentialsFile(Map<String, String> env) {
    String explicit = blankToNull(env.get("LIGHTBOX_S3_CREDENTIALS_FILE"));
    if (explicit != null) {
      return Path.of(explicit);
    }
    String xdg = blankToNull(env.get("XDG_CONFIG_HOME"));
    if (xdg != null) {
      return Path.of(xdg, "lightbox", "credentials");
    }
    String home = blankToNull(env.getOrDefault("HOME", System.getProperty("user.home")));
    return home == null ? null : Path.of(home, ".config", "lightbox", "credentials");
  }

  private static ResolvedCredentials fromEnvironment(Map<String, String> env, boolean readOnly) {
    String[][] layers = {
        {"LIGHTBOX_S3_ACCESS_KEY_ID", "LIGHTBOX_S3_SECRET_ACCESS_KEY", "LIGHTBOX_S3_SESSION_TOKEN"},
        {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"},
        {"B2_APPLICATION_KEY_ID", "B2_APPLICATION_KEY", null}};
    for (String[] names : layers) {
      String id = blankToNull(env.get(names[0]));
      String secret = blankToNull(env.get(names[1]));
      if (id == null && secret == null) {
        continue;
      }
      if (id == null || secret == null) {
        throw invalid("the environment sets " + (id == null ? names[1] : names[0]) + " but not "
            + (id == null ? names[0] : names[1]) + "; set both or neither");
      }
      String token = names[2] == null ? null : blankToNull(env.get(names[2]));
      return new ResolvedCredentials(new S3Credentials(id, secret, token), readOnly, null,
          "environment (" + names[0] + ")");
    }
    return null;
  }

  private static ResolvedCredentials fromProfile(CredentialsFile file, String name, boolean readOnly) {
    Map<String, String> p = file.profile(name);
    String id = blankToNull(p.get("access_key_id"));
    String secret = blankToNull(p.get("secret_access_key"));
    if (id == null || secret == null) {
      throw invalid("profile [" + name + "] in '" + file.file() + "' needs both access_key_id and secret_access_key");
    }
    String ro = p.getOrDefault("read_only", "false").toLowerCase(java.util.Locale.ROOT);
    if (!ro.equals("true") && !ro.equals("false")) {
      throw invalid("profile [" + name + "] in '" + file.file() + "': read_only must be true or false");
    }
    String sseKey = blankToNull(p.get("sse_customer_key"));
    return new ResolvedCredentials(new S3Credentials(id, secret, blankToNull(p.get("session_token"))),
        readOnly || ro.equals("true"), sseKey == null ? null : SseCustomerKey.fromBase64(sseKey),
        "profile '" + name + "' in " + file.file());
  }

  private static boolean isTrue(Map<String, String> env, String name) {
    String v = blankToNull(env.get(name));
    if (v == null) {
      return false;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw invalid(name + " must be true or false, was '" + v + "'");
    }
    return v.equalsIgnoreCase("true");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static StorageException invalid(String problem) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "resolve S3 credentials", null, null, problem);
  }
}
