package dev.lightbox.storage.s3;

import java.util.List;

import dev.lightbox.storage.testkit.RecordedRequest;

/** Names the S3 operation of a recorded request, so wire tests can assert headers per request kind. */
final class WireRequests {
  private WireRequests() {
  }

  static String kind(RecordedRequest r) {
    boolean object = r.path().chars().filter(c -> c == '/').count() >= 2 && !r.path().endsWith("/");
    return switch (r.method()) {
      case "PUT" -> r.hasHeader("x-amz-copy-source") ? (r.hasQueryParam("partNumber") ? "UploadPartCopy" : "CopyObject")
          : r.hasQueryParam("partNumber") ? "UploadPart" : r.hasQueryParam("legal-hold") ? "PutObjectLegalHold"
          : r.hasQueryParam("lifecycle") ? "PutBucketLifecycle" : r.hasQueryParam("cors") ? "PutBucketCors"
          : object ? "PutObject" : "PutBucket";
      case "POST" -> r.hasQueryParam("uploads") ? "CreateMultipartUpload"
          : r.hasQueryParam("uploadId") ? "CompleteMultipartUpload" : r.hasQueryParam("delete") ? "DeleteObjects"
          : "POST";
      case "GET" -> r.hasQueryParam("list-type") ? "ListObjectsV2" : r.hasQueryParam("lifecycle")
          ? "GetBucketLifecycle" : r.hasQueryParam("cors") ? "GetBucketCors" : object ? "GetObject" : "GetBucket";
      case "HEAD" -> object ? "HeadObject" : "HeadBucket";
      case "DELETE" -> r.hasQueryParam("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
      default -> r.method();
    };
  }

  static List<RecordedRequest> ofKind(List<RecordedRequest> requests, String kind) {
    return requests.stream().filter(r -> kind(r).equals(kind)).toList();
  }

  /** The region in the SigV4 credential scope of the Authorization header or the presigned query. */
  static String signingRegion(RecordedRequest r) {
    String auth = r.header("authorization");
    String scope = auth != null ? auth : r.query();
    var m = java.util.regex.Pattern.compile("/\\d{8}/([a-z0-9-]+)/s3/").matcher(scope.replace("%2F", "/"));
    return m.find() ? m.group(1) : null;
  }
}
