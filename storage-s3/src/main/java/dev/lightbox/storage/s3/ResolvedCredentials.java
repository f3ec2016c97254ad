package dev.lightbox.storage.s3;

/**
 * Credentials as {@link S3CredentialResolver} found them: static keys (null for the AWS SDK's default
 * chain), whether writes are refused, an SSE-C key when the profile holds one, and where they came from.
 * {@link #toString()} shows the source and the access key id only.
 */
public record ResolvedCredentials(S3Credentials credentials, boolean readOnly, SseCustomerKey sseCustomerKey,
    String source) {

  public boolean usesDefaultChain() {
    return credentials == null;
  }

  @Override
  public String toString() {
    return "ResolvedCredentials[" + source + (credentials == null ? "" : ", accessKeyId=" + credentials.accessKeyId())
        + (readOnly ? ", read-only" : "") + (sseCustomerKey == null ? "" : ", SSE-C key REDACTED") + "]";
  }
}
