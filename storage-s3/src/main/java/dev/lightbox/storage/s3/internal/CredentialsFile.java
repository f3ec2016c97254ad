package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/**
 * The named-profiles file: {@code [name]} sections of {@code key = value} lines, {@code #} or {@code ;}
 * comments. Refused, as ssh refuses a private key, when other users may read or change it. Errors name
 * the file, the line and the key, never a value.
 */
public final class CredentialsFile {
  public static final Set<String> KEYS = Set.of("access_key_id", "secret_access_key", "session_token", "read_only",
      "sse_customer_key");
  private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path file;
  private final Map<String, Map<String, String>> profiles;

  private CredentialsFile(Path file, Map<String, Map<String, String>> profiles) {
    this.file = file;
    this.profiles = profiles;
  }

  /** Reads {@code file} after checking that only its owner can read or change it. */
  public static CredentialsFile read(Path file) {
    checkPermissions(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(file, "cannot be read (" + e.getClass().getSimpleName() + "); check the path and its owner");
    }
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
          throw invalid(file, "line " + (i + 1) + ": profile names are letters, digits, '.', '_' and '-'");
        }
        current = profiles.computeIfAbsent(name, n -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || current == null) {
        throw invalid(file, "line " + (i + 1) + ": expected '[profile]' or 'key = value' inside a profile");
      }
      String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
      if (!KEYS.contains(key)) {
        throw invalid(file, "line " + (i + 1) + ": unknown key '" + key + "'; known keys are " + KEYS);
      }
      current.put(key, line.substring(eq + 1).strip());
    }
    return new CredentialsFile(file, profiles);
  }

  static void checkPermissions(Path file) {
    if (!Files.isRegularFile(file)) {
      throw invalid(file, "does not exist; create it with the profile, then chmod 600 it");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (perms.stream().anyMatch(TOO_OPEN::contains)) {
        throw invalid(file, "can be read or changed by other users (permissions "
            + PosixFilePermissions.toString(perms) + "), so it is refused; run: chmod 600 '" + file + "'");
      }
    } catch (IOException e) {
      throw invalid(file, "its permissions cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  public Path file() {
    return file;
  }

  public boolean has(String profile) {
    return profiles.containsKey(profile);
  }

  /** The profile's entries; fails naming the profiles there are when it is missing. */
  public Map<String, String> profile(String name) {
    Map<String, String> p = profiles.get(name);
    if (p == null) {
      throw invalid(file, "has no profile [" + name + "]; it has " + profiles.keySet());
    }
    return p;
  }

  private static StorageException invalid(Path file, String problem) {
    return StorageException.of(Kind.INVALID_ARGUMENT, "read credentials", null, null,
        "credentials file '" + file + "' " + problem);
  }
}
