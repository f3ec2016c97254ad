package dev.lightbox.storage.s3.internal;

import dev.lightbox.storage.s3.S3Config;

/** Picks the {@link LeanHttp} implementation for a store. */
final class LeanHttps {
  private LeanHttps() {
  }

  static LeanHttp create(S3Config config) {
    return "jdk".equals(System.getProperty("lightbox.s3.leanHttp"))
        ? new JdkLeanHttp(config.connectTimeout(), config.readTimeout())
        : new SocketLeanHttp(config.connectTimeout(), config.readTimeout(), config.maxConnections());
  }
}
