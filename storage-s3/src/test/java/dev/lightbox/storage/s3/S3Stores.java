package dev.lightbox.storage.s3;

import java.util.function.UnaryOperator;

import dev.lightbox.storage.testkit.S3TestServer;

/** Opens an {@link S3BlobStore} on a local test server, with test-friendly sizes. */
final class S3Stores {
  private S3Stores() {
  }

  static S3Config.Builder config(S3TestServer server) {
    var info = server.info();
    return S3Config.builder()
        .endpoint(info.endpoint())
        .region(info.region())
        .bucket(info.bucket())
        .credentials(info.accessKey(), info.secretKey())
        .sendChecksumSha256(true)
        .partSize(S3Config.MIN_PART_SIZE)
        .concurrency(3);
  }

  static S3BlobStore open(S3TestServer server, UnaryOperator<S3Config.Builder> tweak) {
    return S3BlobStore.open(tweak.apply(config(server)).build());
  }

  static S3BlobStore open(S3TestServer server) {
    return open(server, b -> b);
  }
}
