package dev.lightbox.server.config;

import java.time.Duration;
import java.util.List;

/**
 * How the server runs rather than what it stores: logging, who may read {@code /metrics}, and how long a
 * client may take to send a request's headers. The token never appears in {@link #toString()}.
 *
 * @param logLevel {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace} (LIGHTBOX_LOG_LEVEL)
 * @param metricsToken the bearer token that may read {@code /metrics} besides admins, or null (admins only)
 * @param headerTimeout the most a client may take to send one request's line and headers
 * @param trustedProxies reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (none by default)
 */
public record Operations(String logLevel, String metricsToken, Duration headerTimeout,
    List<AddressRange> trustedProxies) {

  public Operations {
    trustedProxies = List.copyOf(trustedProxies);
  }

  public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);

  public static Operations defaults() {
    return new Operations("info", null, DEFAULT_HEADER_TIMEOUT, List.of());
  }

  @Override
  public String toString() {
    return "Operations[logLevel=" + logLevel + ", metricsToken=" + (metricsToken == null ? "none" : "(set)")
        + ", headerTimeout=" + headerTimeout + ", trustedProxies=" + trustedProxies + "]";
  }
}
