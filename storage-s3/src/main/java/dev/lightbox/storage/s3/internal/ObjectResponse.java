package dev.lightbox.storage.s3.internal;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

/**
 * What the store answered to a GET or HEAD of one object, whichever HTTP path fetched it.
 *
 * @param contentLength bytes in this answer's body (for a HEAD, the object's size)
 * @param contentRange the {@code Content-Range} header of a ranged answer, or null
 * @param metadata the {@code x-amz-meta-*} headers without their prefix, as sent
 * @param body the body (null for a HEAD); close it after reading to the end
 * @param abort drops the connection instead of reading the rest of the body
 */
record ObjectResponse(long contentLength, String contentRange, String contentType, String eTag,
    Instant lastModified, String cacheControl, Map<String, String> metadata, InputStream body, Runnable abort) {
}
