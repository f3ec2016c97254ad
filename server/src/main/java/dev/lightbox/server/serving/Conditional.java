package dev.lightbox.server.serving;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** HTTP conditional request rules (RFC 9110 section 13) for one representation. */
public final class Conditional {
  private Conditional() {
  }

  public enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

  public static Outcome evaluate(String ifMatch, String ifUnmodifiedSince, String ifNoneMatch,
      String ifModifiedSince, String etag, Instant lastModified, boolean getOrHead) {
    Instant lm = lastModified.truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null) {
      if (!matchesStrong(ifMatch, etag)) {
        return Outcome.PRECONDITION_FAILED;
      }
    } else if (ifUnmodifiedSince != null) {
      Instant t = parseDate(ifUnmodifiedSince);
      if (t != null && lm.isAfter(t)) {
        return Outcome.PRECONDITION_FAILED;
      }
    }
    if (ifNoneMatch != null) {
      if (matchesWeak(ifNoneMatch, etag)) {
        return getOrHead ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
      }
    } else if (ifModifiedSince != null && getOrHead) {
      Instant t = parseDate(ifModifiedSince);
      if (t != null && !lm.isAfter(t)) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PROCEED;
  }

  /** Whether a Range may be honoured given If-Range (absent, a matching strong ETag, or a matching date). */
  public static boolean ifRangeAllows(String ifRange, String etag, Instant lastModified) {
    if (ifRange == null) {
      return true;
    }
    String v = ifRange.trim();
    if (v.startsWith("\"")) {
      return v.equals(etag);
    }
    if (v.startsWith("W/")) {
      return false;
    }
    Instant t = parseDate(v);
    return t != null && t.equals(lastModified.truncatedTo(ChronoUnit.SECONDS));
  }

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

  public static String httpDate(Instant instant) {
    return IMF_FIXDATE.format(instant.atZone(java.time.ZoneOffset.UTC));
  }

  static Instant parseDate(String value) {
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean matchesStrong(String header, String etag) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesWeak(String header, String etag) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
