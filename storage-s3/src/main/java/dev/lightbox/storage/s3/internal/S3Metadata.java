package dev.lightbox.storage.s3.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.MetadataValueCodec;
import dev.lightbox.storage.UserMetadata;
import dev.lightbox.storage.internal.Sha256;

/**
 * User metadata on the wire: values encoded so any Unicode survives an HTTP header, and the SHA-256
 * kept under {@value #SHA256}. An ETag is passed through as an opaque tag, never read as a hash.
 */
public final class S3Metadata {
  public static final String SHA256 = UserMetadata.RESERVED_PREFIX + "sha256";

  private S3Metadata() {
  }

  public static Map<String, String> toWire(Map<String, String> userMetadata, String sha256) {
    Map<String, String> wire = new HashMap<>();
    userMetadata.forEach((name, value) -> wire.put(name, MetadataValueCodec.encode(value)));
    if (sha256 != null) {
      wire.put(SHA256, sha256);
    }
    return wire;
  }

  public static BlobInfo info(BlobKey key, long size, String contentType, String etag, Instant lastModified,
      String cacheControl, Map<String, String> wire) {
    Map<String, String> user = new HashMap<>();
    String sha256 = null;
    for (Map.Entry<String, String> e : wire.entrySet()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.equals(SHA256)) {
        sha256 = Sha256.isHex(e.getValue()) ? e.getValue() : null;
      } else if (!name.startsWith(UserMetadata.RESERVED_PREFIX)) {
        user.put(name, MetadataValueCodec.decode(e.getValue()));
      }
    }
    return new BlobInfo(key, size, contentType, etag(etag), sha256, lastModified, cacheControl, user);
  }

  /** The ETag without its quotes; opaque. */
  public static String etag(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.startsWith("W/") ? raw.substring(2) : raw;
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
