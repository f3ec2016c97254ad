package dev.lightbox.storage;

import java.util.regex.Pattern;

/** Removes secrets from text that may reach a log, an error or a {@code toString()}. */
public final class Redaction {
  private static final Pattern SECRET_QUERY = Pattern.compile(
      "(?i)((?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)=)[^&\\s\"']*");

  private Redaction() {
  }

  public static String redactQuery(String text) {
    return text == null ? null : SECRET_QUERY.matcher(text).replaceAll("$1REDACTED");
  }
}
