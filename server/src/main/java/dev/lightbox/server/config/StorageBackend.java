package dev.lightbox.server.config;

/** Where an object lives; also the name used in catalog locations ({@code disk:...}, {@code s3:...}). */
public enum StorageBackend {
  DISK, S3;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
