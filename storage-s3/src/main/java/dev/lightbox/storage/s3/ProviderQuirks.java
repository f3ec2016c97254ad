package dev.lightbox.storage.s3;

import java.util.EnumSet;
import java.util.Set;

import dev.lightbox.storage.SseMode;

/**
 * What one S3-compatible provider does differently from AWS S3, as flags the S3 backend obeys: it sizes
 * batch deletes, parts and copies by them, refuses encryption modes and Object Lock the provider lacks
 * before sending anything, and the doctor and {@link S3BlobStore#capabilities()} report them.
 * Start from {@link #AWS} and switch off what a provider lacks.
 *
 * @param maxBatchDelete most keys in one DeleteObjects request; 1 when the provider has no DeleteObjects
 * @param multipartEqualParts every part but the last must have the same size
 * @param multipartCopy UploadPartCopy works (copies above 5 GiB need it)
 * @param tagging object tagging (PutObjectTagging, x-amz-tagging)
 * @param conditionalWrites If-None-Match / If-Match on PUT
 * @param sseModes server-side encryption modes the provider honours through the S3 headers
 * @param objectLock Object Lock retention and legal hold through the S3 headers
 * @param acls object ACLs
 * @param lifecycle bucket lifecycle configuration through the S3 API
 * @param lifecycleAbortMultipart the AbortIncompleteMultipartUpload lifecycle action
 * @param lifecycleNoncurrentExpiration the NoncurrentVersionExpiration lifecycle action (needs versioning)
 * @param cors bucket CORS configuration through the S3 API (PutBucketCors)
 * @param checksumSha256Header the provider verifies {@code x-amz-checksum-sha256}
 * @param chunkedEncoding the provider accepts aws-chunked signed uploads
 * @param missingKeyAs403 HEAD or GET of a missing key may answer 403 instead of 404 (so a listing decides)
 */
public record ProviderQuirks(
    int maxBatchDelete,
    boolean multipartEqualParts,
    boolean multipartCopy,
    boolean tagging,
    boolean conditionalWrites,
    Set<SseMode> sseModes,
    boolean objectLock,
    boolean acls,
    boolean lifecycle,
    boolean lifecycleAbortMultipart,
    boolean lifecycleNoncurrentExpiration,
    boolean cors,
    boolean checksumSha256Header,
    boolean chunkedEncoding,
    boolean missingKeyAs403) {

  /** Everything AWS S3 offers. */
  public static final ProviderQuirks AWS = new ProviderQuirks(1000, false, true, true, true,
      EnumSet.allOf(SseMode.class), true, true, true, true, true, true, true, true, true);

  public ProviderQuirks {
    if (maxBatchDelete < 1 || maxBatchDelete > 1000) {
      throw new IllegalArgumentException("maxBatchDelete must be between 1 and 1000");
    }
    sseModes = sseModes.isEmpty() ? Set.of() : Set.copyOf(sseModes);
  }

  public boolean supports(SseMode mode) {
    return sseModes.contains(mode);
  }

  public ProviderQuirks withMaxBatchDelete(int v) {
    return new ProviderQuirks(v, multipartEqualParts, multipartCopy, tagging, conditionalWrites, sseModes,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withMultipartEqualParts(boolean v) {
    return new ProviderQuirks(maxBatchDelete, v, multipartCopy, tagging, conditionalWrites, sseModes,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withMultipartCopy(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, v, tagging, conditionalWrites, sseModes,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withTagging(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, v, conditionalWrites, sseModes,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withConditionalWrites(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, v, sseModes,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withSseModes(Set<SseMode> v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites, v,
        objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withObjectLock(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, v, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withAcls(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, v, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  /** Lifecycle support: none, or which of the two default actions work. */
  public ProviderQuirks withLifecycle(boolean v, boolean abortMultipart, boolean noncurrentExpiration) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, acls, v, v && abortMultipart, v && noncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withCors(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, v,
        checksumSha256Header, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withChecksumSha256Header(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        v, chunkedEncoding, missingKeyAs403);
  }

  public ProviderQuirks withChunkedEncoding(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, v, missingKeyAs403);
  }

  public ProviderQuirks withMissingKeyAs403(boolean v) {
    return new ProviderQuirks(maxBatchDelete, multipartEqualParts, multipartCopy, tagging, conditionalWrites,
        sseModes, objectLock, acls, lifecycle, lifecycleAbortMultipart, lifecycleNoncurrentExpiration, cors,
        checksumSha256Header, chunkedEncoding, v);
  }
}
