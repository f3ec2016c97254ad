package dev.lightbox.server.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a storage template before the server starts. */
final class StorageTemplateCheck {
  static final Set<String> PLACEHOLDERS = Set.of("userId", "assetId", "yyyy", "MM", "dd", "ext");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  private StorageTemplateCheck() {
  }

  static String problem(String template) {
    if (!template.contains("{assetId}")) {
      return "must contain {assetId} so that every upload gets its own key";
    }
    if (template.startsWith("/") || template.contains("//") || template.contains("..") || template.contains("\\")) {
      return "must be a relative key without '//', '..' or '\\'";
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        return "has an unknown placeholder {" + m.group(1) + "}; known ones are " + PLACEHOLDERS;
      }
    }
    return null;
  }
}
