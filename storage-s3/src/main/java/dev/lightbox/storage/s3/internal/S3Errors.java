package dev.lightbox.storage.s3.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;

import dev.lightbox.storage.Redaction;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns whatever the AWS SDK throws into a {@link StorageException} that names the operation, the store
 * and the key, says whether a retry may help, and carries no secret.
 */
public final class S3Errors {
  private S3Errors() {
  }

  public static StorageException map(Throwable e, String operation, String store, String key) {
    return map(e, operation, store, key, null);
  }

  /** As {@link #map(Throwable, String, String, String)}, telling a wrong region from {@code region} apart. */
  public static StorageException map(Throwable e, String operation, String store, String key, String region) {
    if (e instanceof StorageException se) {
      return se;
    }
    if (e instanceof AwsServiceException ase) {
      return service(ase, operation, store, key, region);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return StorageException.of(Kind.TIMEOUT, operation, store, key,
          "the store did not answer in time; try again, or raise the read timeout", e);
    }
    if (e instanceof AbortedException || e instanceof InterruptedIOException || e instanceof InterruptedException) {
      return StorageException.retryable(Kind.UNAVAILABLE, operation, store, key, "interrupted", true, e);
    }
    if (e instanceof SdkClientException || e instanceof IOException || e instanceof UncheckedIOException) {
      return StorageException.of(Kind.UNAVAILABLE, operation, store, key,
          "could not reach the store (" + clean(rootMessage(e)) + "); check the endpoint and network, then retry", e);
    }
    return StorageException.of(Kind.INTERNAL, operation, store, key, clean(String.valueOf(e)), e);
  }

  private static StorageException service(AwsServiceException e, String operation, String store, String key,
      String region) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return service(e.statusCode(), code, message, RegionRedirects.bucketRegion(e), e.isThrottlingException(),
        operation, store, key, region, e);
  }

  /**
   * An error answer from the store, given as its parts: status, S3 error code and message (either may be
   * null) and the region named in {@code x-amz-bucket-region} (or null).
   */
  static StorageException service(int status, String code, String message, String bucketRegion,
      boolean throttling, String operation, String store, String key, String region, Throwable cause) {
    Kind kind = kindOf(status, code);
    String hint = bucketRegion != null && !bucketRegion.equals(region)
        ? "; the bucket lives in region '" + bucketRegion + "'" + (region == null ? "" : ", not '" + region + "'")
            + ": set the region (LIGHTBOX_S3_REGION) to '" + bucketRegion + "'"
        : hint(status, code, region);
    String detail = (code == null ? "" : code + " ") + "(HTTP " + status + ")"
        + (message == null || message.isBlank() ? "" : ": " + clean(message)) + hint;
    boolean retryable = kind.retryableByDefault() || throttling || status >= 500;
    return StorageException.retryable(kind, operation, store, key, detail, retryable, cause);
  }

  static Kind kindOf(int status, String code) {
    if (code != null) {
      switch (code) {
        case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound" -> { return Kind.NOT_FOUND; }
        case "InvalidRange" -> { return Kind.RANGE_NOT_SATISFIABLE; }
        case "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "RequestTimeTooSkewed",
            "AllAccessDisabled" -> { return Kind.ACCESS_DENIED; }
        case "SlowDown", "Throttling", "ThrottlingException", "TooManyRequests", "RequestLimitExceeded" -> {
          return Kind.THROTTLED;
        }
        case "RequestTimeout" -> { return Kind.TIMEOUT; }
        case "PreconditionFailed" -> { return Kind.PRECONDITION_FAILED; }
        case "EntityTooLarge", "EntityTooSmall", "InvalidArgument", "InvalidRequest", "KeyTooLongError",
            "MetadataTooLarge", "InvalidPart", "InvalidPartOrder", "InvalidDigest", "BadDigest" -> {
          return code.equals("MetadataTooLarge") ? Kind.METADATA_TOO_LARGE
              : code.equals("BadDigest") || code.equals("InvalidDigest") ? Kind.INTEGRITY : Kind.INVALID_ARGUMENT;
        }
        default -> { }
      }
    }
    return switch (status) {
      case 404 -> Kind.NOT_FOUND;
      case 401, 403 -> Kind.ACCESS_DENIED;
      case 409 -> Kind.CONFLICT;
      case 412 -> Kind.PRECONDITION_FAILED;
      case 416 -> Kind.RANGE_NOT_SATISFIABLE;
      case 429 -> Kind.THROTTLED;
      case 408 -> Kind.TIMEOUT;
      case 500, 502, 503, 504 -> status == 503 ? Kind.THROTTLED : Kind.UNAVAILABLE;
      case 501 -> Kind.UNSUPPORTED;
      default -> status >= 500 ? Kind.UNAVAILABLE : status == 301 || status == 400 ? Kind.INVALID_ARGUMENT
          : Kind.INTERNAL;
    };
  }

  private static String hint(int status, String code, String region) {
    String wrongRegion = region == null ? "" : ", or the region '" + region + "' is not the bucket's (some "
        + "providers answer 403 for a wrong region)";
    if (code == null) {
      return status == 403 ? "; check the credentials and the bucket policy" + wrongRegion : "";
    }
    return switch (code) {
      case "SignatureDoesNotMatch" -> "; the secret key is wrong, or a proxy rewrote the request" + wrongRegion;
      case "InvalidAccessKeyId" -> "; the access key id is not known to this store" + wrongRegion;
      case "RequestTimeTooSkewed" -> "; this machine's clock is off: sync it (NTP) and retry";
      case "NoSuchBucket" -> "; create the bucket or fix its name";
      case "PermanentRedirect", "AuthorizationHeaderMalformed" -> "; the bucket lives in another region: set the region";
      case "AccessDenied" -> "; check the credentials' permissions for this bucket and key";
      default -> "";
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static String clean(String text) {
    return Redaction.redactQuery(text);
  }
}
