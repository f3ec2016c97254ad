package dev.lightbox.storage.s3.internal;

import java.util.ArrayList;
import java.util.List;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One ListObjectsV2 page per call, under the store's prefix. Objects Lightbox cannot address (folder
 * markers, keys that are not valid {@link BlobKey}s, uploads in progress) are left out, so a page may hold
 * fewer entries than asked for while {@link ListPage#hasMore()} is still true.
 */
final class S3List {
  private final S3Context ctx;

  S3List(S3Context ctx) {
    this.ctx = ctx;
  }

  ListPage list(ListRequest request) {
    String prefix = ctx.keys().prefix() + request.prefix();
    ListObjectsV2Response page;
    try {
      page = ctx.client().listObjectsV2(b -> b.bucket(ctx.bucket()).prefix(prefix).delimiter(request.delimiter())
          .continuationToken(request.continuationToken()).maxKeys(request.pageSize()));
    } catch (RuntimeException e) {
      throw ctx.error(e, "list", request.prefix().isEmpty() ? null : request.prefix());
    }
    List<BlobInfo> objects = new ArrayList<>(page.contents().size());
    for (S3Object o : page.contents()) {
      BlobKey key = ctx.keys().fromObjectKey(o.key());
      if (key != null) {
        objects.add(new BlobInfo(key, o.size() == null ? 0 : o.size(), null, S3Metadata.etag(o.eTag()), null,
            o.lastModified(), null, null));
      }
    }
    List<String> prefixes = new ArrayList<>(page.commonPrefixes().size());
    for (CommonPrefix cp : page.commonPrefixes()) {
      String relative = ctx.keys().relative(cp.prefix());
      if (relative != null && !relative.isEmpty() && !relative.startsWith(S3Keys.TEMP_DIR)) {
        prefixes.add(relative);
      }
    }
    boolean more = Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null;
    return new ListPage(objects, prefixes, more ? page.nextContinuationToken() : null);
  }
}
