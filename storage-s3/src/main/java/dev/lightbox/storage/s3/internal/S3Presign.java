package dev.lightbox.storage.s3.internal;

import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.StorageException;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET and PUT URLs; the headers a holder must send come back with the URL (Content-Type on a PUT,
 * the encryption headers, and with SSE-C the key itself, which a browser cannot send: SSE-C objects are
 * served through the server, not by redirect).
 */
final class S3Presign {
  private final S3Context ctx;
  private final Supplier<S3Presigner> presigner;

  S3Presign(S3Context ctx, Supplier<S3Presigner> presigner) {
    this.ctx = ctx;
    this.presigner = presigner;
  }

  PresignedUrl get(BlobKey key, PresignRequest request) {
    String objectKey = ctx.keys().objectKey(key);
    try {
      var presigned = presigner.get().presignGetObject(p -> p.signatureDuration(request.expiry())
          .getObjectRequest(g -> ctx.sse().get(g.bucket(ctx.bucket()).key(objectKey)
              .responseContentType(request.responseContentType())
              .responseContentDisposition(request.responseContentDisposition()))));
      return url("GET", presigned);
    } catch (RuntimeException e) {
      throw ctx.error(e, "presignGet", key.value());
    }
  }

  PresignedUrl put(BlobKey key, PresignRequest request) {
    String objectKey = ctx.keys().objectKey(key);
    try {
      var presigned = presigner.get().presignPutObject(p -> p.signatureDuration(request.expiry())
          .putObjectRequest(r -> ctx.sse().put(r.bucket(ctx.bucket()).key(objectKey).contentType(request.contentType()))));
      return url("PUT", presigned);
    } catch (RuntimeException e) {
      throw ctx.error(e, "presignPut", key.value());
    }
  }

  private static PresignedUrl url(String method, PresignedRequest presigned) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : presigned.signedHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("host") && !h.getValue().isEmpty()) {
        headers.put(h.getKey(), h.getValue().getFirst());
      }
    }
    try {
      return new PresignedUrl(method, presigned.url().toURI(), presigned.expiration(), headers);
    } catch (URISyntaxException e) {
      throw StorageException.of(StorageException.Kind.INTERNAL, "presign", null, null, "the SDK made an invalid URL", e);
    }
  }
}
