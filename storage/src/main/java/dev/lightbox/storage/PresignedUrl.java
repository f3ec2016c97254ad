package dev.lightbox.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A URL that grants one HTTP method on one object until {@code expiresAt}, to whoever holds it.
 * {@code requiredHeaders} must be sent with it (for example Content-Type on a PUT, or SSE-C headers).
 * {@link #toString()} redacts the signature and credential so the URL can be logged safely; call
 * {@link #url()} to use it.
 */
public record PresignedUrl(String method, URI url, Instant expiresAt, Map<String, String> requiredHeaders) {
  public PresignedUrl {
    requiredHeaders = requiredHeaders == null ? Map.of() : Map.copyOf(requiredHeaders);
  }

  /** The URL with its signature, credential and security token replaced by {@code REDACTED}. */
  public String redacted() {
    return Redaction.redactQuery(url.toString());
  }

  @Override
  public String toString() {
    return "PresignedUrl[" + method + " " + redacted() + " expires " + expiresAt
        + (requiredHeaders.isEmpty() ? "" : " headers " + requiredHeaders.keySet()) + "]";
  }
}
