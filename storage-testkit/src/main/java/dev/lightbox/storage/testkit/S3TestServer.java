package dev.lightbox.storage.testkit;

import java.net.URI;

/** A local S3-compatible server for tests. Closing it stops the server and deletes its data. */
public interface S3TestServer extends AutoCloseable {
  /** Endpoint, region, credentials and the initial bucket. */
  S3ServerInfo info();

  /** A short name for test reports, such as {@code s3proxy} or {@code s3mock}. */
  String name();

  default URI endpoint() {
    return info().endpoint();
  }

  default String bucket() {
    return info().bucket();
  }

  /** Creates another empty bucket (for tests that want isolation) and returns its name. */
  String createBucket(String name);

  @Override
  void close();
}
