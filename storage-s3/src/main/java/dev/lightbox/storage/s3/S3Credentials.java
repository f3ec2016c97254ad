package dev.lightbox.storage.s3;

import dev.lightbox.storage.StorageException;

/**
 * Static S3 credentials. {@link #toString()} shows the access key id only; the secret and the session
 * token never leave this object except to sign requests.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
  public S3Credentials {
    if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "configure S3", null, null,
          "static credentials need both an access key id and a secret access key");
    }
    if (sessionToken != null && sessionToken.isBlank()) {
      sessionToken = null;
    }
  }

  public static S3Credentials of(String accessKeyId, String secretAccessKey) {
    return new S3Credentials(accessKeyId, secretAccessKey, null);
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=REDACTED"
        + (sessionToken == null ? "" : ", sessionToken=REDACTED") + "]";
  }
}
