package dev.lightbox.storage.s3;

/**
 * When the AWS SDK adds its own checksums (CRC32 and friends) to requests and validates them on
 * responses. {@code WHEN_SUPPORTED}, the SDK's default, breaks many S3-compatible stores (B2, R2, GCS,
 * Ceph, MinIO); {@code WHEN_REQUIRED} sends them only where the S3 API demands one.
 */
public enum ChecksumMode {
  WHEN_REQUIRED,
  WHEN_SUPPORTED
}
