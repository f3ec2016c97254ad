package dev.lightbox.storage.s3.internal;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** GET and HEAD through the AWS SDK client (with its retries, region redirects and checksums). */
final class SdkObjectFetcher implements ObjectFetcher {
  private final S3Context ctx;

  SdkObjectFetcher(S3Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public ObjectResponse get(String objectKey, String range, String operation, String key) {
    ResponseInputStream<GetObjectResponse> in = ctx.client().getObject(b -> {
      ctx.sse().get(b.bucket(ctx.bucket()).key(objectKey));
      if (range != null) {
        b.range(range);
      }
    });
    GetObjectResponse r = in.response();
    return new ObjectResponse(r.contentLength(), r.contentRange(), r.contentType(), r.eTag(), r.lastModified(),
        r.cacheControl(), r.metadata(), in, in::abort);
  }

  @Override
  public ObjectResponse head(String objectKey, String operation, String key) {
    HeadObjectResponse r = ctx.client().headObject(b -> ctx.sse().head(b.bucket(ctx.bucket()).key(objectKey)));
    return new ObjectResponse(r.contentLength(), null, r.contentType(), r.eTag(), r.lastModified(),
        r.cacheControl(), r.metadata(), null, () -> { });
  }
}
