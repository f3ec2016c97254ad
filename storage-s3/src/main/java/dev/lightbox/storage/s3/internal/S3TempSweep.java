package dev.lightbox.storage.s3.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.SweepResult;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes what killed writes left under the store's prefix: temporary objects ({@link S3Keys#TEMP_DIR}, and
 * the prefixes of an interrupted {@code lightbox doctor}) last written before a cutoff, and incomplete
 * multipart uploads begun before it whose parts are all older too, so an upload still sending parts is never
 * aborted. An upload to a key that now holds an object is left to the bucket's lifecycle rule: some servers
 * delete the object when such an upload is aborted.
 */
public final class S3TempSweep {
  private final S3Context ctx;
  private final List<String> failures = new ArrayList<>();
  private long removed;
  private long removedBytes;
  private long aborted;
  private long kept;

  public S3TempSweep(S3Context ctx) {
    this.ctx = ctx;
  }

  public SweepResult sweep(Instant cutoff) {
    objects(ctx.keys().tempDirPrefix(), cutoff);
    objects(ctx.keys().prefix() + S3Keys.DOCTOR_DIR_PREFIX, cutoff);
    uploads(cutoff);
    return new SweepResult(removed, removedBytes, aborted, kept, failures);
  }

  private void objects(String listPrefix, Instant cutoff) {
    String token = null;
    do {
      String from = token;
      ListObjectsV2Response page;
      try {
        page = ctx.client().listObjectsV2(b -> b.bucket(ctx.bucket()).prefix(listPrefix).continuationToken(from));
      } catch (RuntimeException e) {
        failures.add(ctx.error(e, "sweepTemporary (list)", listPrefix).getMessage());
        return;
      }
      for (S3Object o : page.contents()) {
        if (o.lastModified() != null && !o.lastModified().isBefore(cutoff)) {
          kept++;
        } else if (delete(o.key())) {
          removed++;
          removedBytes += o.size() == null ? 0 : o.size();
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
  }

  private boolean delete(String objectKey) {
    try {
      ctx.client().deleteObject(b -> b.bucket(ctx.bucket()).key(objectKey));
      return true;
    } catch (RuntimeException e) {
      failures.add(ctx.error(e, "sweepTemporary (delete)", objectKey).getMessage());
      return false;
    }
  }

  private void uploads(Instant cutoff) {
    String prefix = ctx.keys().prefix().isEmpty() ? null : ctx.keys().prefix();
    String keyMarker = null;
    String idMarker = null;
    do {
      String km = keyMarker;
      String im = idMarker;
      ListMultipartUploadsResponse page;
      try {
        page = ctx.client().listMultipartUploads(b -> b.bucket(ctx.bucket()).prefix(prefix).keyMarker(km)
            .uploadIdMarker(im));
      } catch (RuntimeException e) {
        StorageException mapped = ctx.error(e, "sweepTemporary (list multipart uploads)", prefix);
        failures.add(mapped.getMessage() + (mapped.kind() == Kind.UNSUPPORTED ? "; the bucket's lifecycle rule "
            + "(lightbox doctor --apply-lifecycle) aborts incomplete uploads instead" : ""));
        return;
      }
      for (MultipartUpload upload : page.uploads()) {
        upload(upload, cutoff);
      }
      boolean more = Boolean.TRUE.equals(page.isTruncated());
      keyMarker = more ? page.nextKeyMarker() : null;
      idMarker = more ? page.nextUploadIdMarker() : null;
    } while (keyMarker != null);
  }

  private void upload(MultipartUpload upload, Instant cutoff) {
    if (upload.initiated() != null && !upload.initiated().isBefore(cutoff)) {
      kept++;
      return;
    }
    Activity activity = activity(upload);
    if (activity == null) {
      return; // could not tell whether it is still in use: the failure is recorded
    }
    if (activity.lastPart != null && !activity.lastPart.isBefore(cutoff)) {
      kept++;
      return;
    }
    if (!upload.key().startsWith(ctx.keys().tempDirPrefix()) && objectExists(upload.key())) {
      failures.add("left the incomplete upload of '" + upload.key() + "' begun " + upload.initiated()
          + ": an object is at that key and some servers delete it when such an upload is aborted; the bucket's"
          + " lifecycle rule (lightbox doctor --apply-lifecycle) removes the upload safely");
      return;
    }
    try {
      ctx.client().abortMultipartUpload(b -> b.bucket(ctx.bucket()).key(upload.key()).uploadId(upload.uploadId()));
      aborted++;
      removedBytes += activity.bytes;
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "sweepTemporary (abort multipart upload)", upload.key());
      if (mapped.kind() != Kind.NOT_FOUND) { // finished or aborted meanwhile: nothing left to do
        failures.add(mapped.getMessage());
      }
    }
  }

  private record Activity(Instant lastPart, long bytes) {
  }

  /** When the upload last received a part, and how many bytes its parts hold; null when it cannot tell. */
  private Activity activity(MultipartUpload upload) {
    Instant last = null;
    long bytes = 0;
    Integer marker = null;
    try {
      while (true) {
        Integer from = marker;
        ListPartsResponse parts = ctx.client().listParts(b -> b.bucket(ctx.bucket()).key(upload.key())
            .uploadId(upload.uploadId()).partNumberMarker(from));
        for (Part p : parts.parts()) {
          bytes += p.size() == null ? 0 : p.size();
          if (p.lastModified() != null && (last == null || p.lastModified().isAfter(last))) {
            last = p.lastModified();
          }
        }
        if (!Boolean.TRUE.equals(parts.isTruncated()) || parts.nextPartNumberMarker() == null) {
          return new Activity(last, bytes);
        }
        marker = parts.nextPartNumberMarker();
      }
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "sweepTemporary (list parts)", upload.key());
      if (mapped.kind() != Kind.NOT_FOUND) {
        failures.add(mapped.getMessage());
      }
      return null;
    }
  }

  private boolean objectExists(String objectKey) {
    try {
      ctx.client().headObject(b -> ctx.sse().head(b.bucket(ctx.bucket()).key(objectKey)));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      return e.statusCode() != 404;
    } catch (RuntimeException e) {
      return true; // in doubt, leave the upload alone
    }
  }
}
