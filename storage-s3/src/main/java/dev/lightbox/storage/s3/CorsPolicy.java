package dev.lightbox.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lightbox.storage.StorageException;

/**
 * The CORS rule browsers need to fetch redirected media straight from the bucket: GET and HEAD from the
 * given origins, exposing Accept-Ranges, Content-Length, Content-Range, Content-Type and ETag. Origins are
 * validated as browsers send them: scheme, host and optional port, no path, no trailing slash, and no
 * {@code *} unless forced.
 */
public record CorsPolicy(List<String> origins, int maxAgeSeconds) {
  public static final String RULE_ID = "lightbox";
  public static final List<String> METHODS = List.of("GET", "HEAD");
  public static final List<String> EXPOSED_HEADERS =
      List.of("Accept-Ranges", "Content-Length", "Content-Range", "Content-Type", "ETag");
  /** Range is safelisted for simple ranges only; listing it keeps older browsers' preflights working. */
  public static final List<String> ALLOWED_HEADERS = List.of("Range");

  private static final Pattern ORIGIN = Pattern.compile(
      "(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://(?<host>\\[[0-9a-fA-F:.]+]|[^/:?#@\\[\\]]+)(?::(?<port>[0-9]{1,5}))?(?<rest>.*)");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  public CorsPolicy {
    if (origins == null || origins.isEmpty()) {
      throw invalid("CORS needs at least one origin, such as https://photos.example.com");
    }
    origins = List.copyOf(origins);
    if (maxAgeSeconds < 0 || maxAgeSeconds > 86_400) {
      throw invalid("CORS max age must be between 0 and 86400 seconds, was " + maxAgeSeconds);
    }
  }

  /** A policy for these origins, each validated; {@code *} is refused. */
  public static CorsPolicy forOrigins(List<String> origins) {
    return forOrigins(origins, false);
  }

  /** As {@link #forOrigins(List)}; with {@code allowWildcard} an origin may be or contain {@code *}. */
  public static CorsPolicy forOrigins(List<String> origins, boolean allowWildcard) {
    List<String> checked = new ArrayList<>();
    for (String origin : origins) {
      checked.add(checkOrigin(origin, allowWildcard));
    }
    return new CorsPolicy(checked, 3600);
  }

  /** The origin, lowercased, when it is one a browser would send; else a clear error saying what is wrong. */
  public static String checkOrigin(String origin, boolean allowWildcard) {
    if (origin == null || origin.isBlank()) {
      throw invalid("an empty origin; give one such as https://photos.example.com");
    }
    String o = origin.strip();
    if (o.equals("*")) {
      if (!allowWildcard) {
        throw invalid("origin '*' lets every web site read the media; name the origins, or force it");
      }
      return o;
    }
    Matcher m = ORIGIN.matcher(o);
    if (!m.matches()) {
      throw invalid("origin '" + o + "' is not scheme://host[:port], such as https://photos.example.com");
    }
    String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
    String host = m.group("host").toLowerCase(Locale.ROOT);
    String rest = m.group("rest");
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("origin '" + o + "' must use http or https");
    }
    if (rest.equals("/")) {
      throw invalid("origin '" + o + "' ends with a slash; browsers send it without: '" + o.substring(0, o.length() - 1)
          + "'");
    }
    if (!rest.isEmpty()) {
      throw invalid("origin '" + o + "' has a path, query or fragment ('" + rest + "'); an origin is only "
          + "scheme://host[:port]");
    }
    if (host.contains("*") && !allowWildcard) {
      throw invalid("origin '" + o + "' has a wildcard; name the origins, or force it");
    }
    if (!host.startsWith("[")) {
      for (String label : host.split("\\.", -1)) {
        if (!label.equals("*") && !LABEL.matcher(label).matches()) {
          throw invalid("origin '" + o + "' has an invalid host name '" + host + "'");
        }
      }
    }
    String port = m.group("port");
    int p = port == null ? -1 : Integer.parseInt(port);
    if (port != null && (p < 1 || p > 65535)) {
      throw invalid("origin '" + o + "' has port " + p + ", outside 1-65535");
    }
    // Browsers leave the scheme's default port out of the Origin header, so the rule must too.
    boolean defaultPort = scheme.equals("https") && p == 443 || scheme.equals("http") && p == 80;
    return scheme + "://" + host + (port == null || defaultPort ? "" : ":" + p);
  }

  private static StorageException invalid(String problem) {
    return StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "CORS policy", null, null, problem);
  }
}
