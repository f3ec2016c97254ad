package dev.lightbox.storage;

import java.time.Duration;

/**
 * A presigned URL to ask for. For GET, {@code responseContentType} and {@code responseContentDisposition}
 * are signed into the URL so the store answers with them. For PUT, {@code contentType} is signed and the
 * uploader must send the same Content-Type header.
 */
public record PresignRequest(
    Duration expiry, String responseContentType, String responseContentDisposition, String contentType) {
  public static final Duration MAX_EXPIRY = Duration.ofDays(7);

  public PresignRequest {
    if (expiry == null || expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "presign", null, null,
          "expiry must be between 1 second and 7 days, was " + expiry);
    }
  }

  public static PresignRequest expiringIn(Duration expiry) {
    return new PresignRequest(expiry, null, null, null);
  }

  public PresignRequest withResponseContentType(String type) {
    return new PresignRequest(expiry, type, responseContentDisposition, contentType);
  }

  public PresignRequest withResponseContentDisposition(String disposition) {
    return new PresignRequest(expiry, responseContentType, disposition, contentType);
  }

  public PresignRequest withContentType(String type) {
    return new PresignRequest(expiry, responseContentType, responseContentDisposition, type);
  }
}
