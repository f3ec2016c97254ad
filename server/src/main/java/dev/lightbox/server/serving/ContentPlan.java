package dev.lightbox.server.serving;

import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PresignedUrl;

/**
 * How to answer a {@link ContentRequest}, decided by {@link ContentService}; the HTTP side only writes it.
 * Every plan but {@link NeedsIo} names the object it answers about (its validators go into every answer).
 */
public sealed interface ContentPlan {
  /** Only from {@link ContentService#planFromMemory}: the answer needs the catalog or the store. */
  NeedsIo NEEDS_IO = new NeedsIo();

  /** 304: the client's copy is current. */
  record NotModified(ServedObject object) implements ContentPlan {
  }

  /** 412: If-Match or If-Unmodified-Since do not hold. */
  record PreconditionFailed(ServedObject object) implements ContentPlan {
  }

  /** 416: the Range starts beyond the object. */
  record RangeNotSatisfiable(ServedObject object, String disposition, String range) implements ContentPlan {
  }

  /** 302 to a presigned URL of the object (S3 in redirect mode). */
  record Redirect(ServedObject object, PresignedUrl url) implements ContentPlan {
  }

  /** 200, or 206 for a {@code range}, without a body (HEAD). */
  record Headers(ServedObject object, String disposition, ByteRange.Resolved range) implements ContentPlan {
  }

  /** 200, or 206 for a {@code range}, with the bytes in memory (never modify them). */
  record Bytes(ServedObject object, String disposition, ByteRange.Resolved range, byte[] bytes)
      implements ContentPlan {
  }

  /** 200, or 206 for a {@code range}, streamed from the store; the writer closes the body. */
  record Stream(ServedObject object, String disposition, ByteRange.Resolved range, BlobStream body)
      implements ContentPlan {
  }

  /** See {@link #NEEDS_IO}. */
  record NeedsIo() implements ContentPlan {
  }
}
