package dev.lightbox.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a store knows about one object. {@code etag} is an opaque version tag, never a content hash;
 * {@code sha256} is the lowercase hex SHA-256 of the content when the store knows it (every object
 * written through Lightbox has it), else null.
 */
public record BlobInfo(
    BlobKey key,
    long size,
    String contentType,
    String etag,
    String sha256,
    Instant lastModified,
    String cacheControl,
    Map<String, String> userMetadata) {

  public BlobInfo {
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
  }

  public String contentTypeOrDefault() {
    return contentType == null ? "application/octet-stream" : contentType;
  }
}
