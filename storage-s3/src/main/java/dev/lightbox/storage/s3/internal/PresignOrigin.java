package dev.lightbox.storage.s3.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Credentials;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where a browser fetches the presigned URLs of a store: asked of the SDK's presigner, built exactly as
 * the store builds it, so addressing style, preset endpoints and the SDK's own rules (a dotted bucket
 * falls back to path style) are the store's. Signing is local; the placeholder keys only change the
 * signature, never the origin.
 */
public final class PresignOrigin {
  private static final S3Credentials PLACEHOLDER = S3Credentials.of("origin-probe", "origin-probe");

  private PresignOrigin() {
  }

  /** {@code scheme://host[:port]} of a presigned GET for {@code config}'s bucket, as the store makes it. */
  public static String of(S3Config config) {
    try (S3Presigner presigner = S3Clients.presigner(config, config.region(), PLACEHOLDER)) {
      URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(1))
          .getObjectRequest(g -> g.bucket(config.bucket()).key(config.keyPrefix() + "origin-probe")))
          .url().toString());
      String port = url.getPort() < 0 ? "" : ":" + url.getPort();
      return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT) + port;
    }
  }
}
