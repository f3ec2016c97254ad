package dev.lightbox.storage.s3.internal;

/**
 * Sends the GET or HEAD of one object. A failure is thrown as the AWS SDK's exception or as a
 * {@link dev.lightbox.storage.StorageException} already mapped; {@link S3Context#error} takes either.
 */
interface ObjectFetcher extends AutoCloseable {
  /** {@code range} is a {@code Range} header value such as {@code bytes=0-99}, or null for the whole object. */
  ObjectResponse get(String objectKey, String range, String operation, String key);

  ObjectResponse head(String objectKey, String operation, String key);

  @Override
  default void close() {
  }
}
