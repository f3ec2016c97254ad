package dev.lightbox.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One small, blocking, thread-safe API over a local directory or an S3-compatible bucket. Calls block
 * the calling thread and are meant to run on virtual threads. Every failure is a {@link StorageException}
 * whose kind and {@link StorageException#isRetryable()} say what happened and whether to try again.
 *
 * <p>Writes are all-or-nothing: after a failed or interrupted put no partial object is visible and no
 * incomplete multipart upload is left behind. What it won't do: it does not buffer whole objects in
 * memory, follow links out of its root, take ETags for content hashes, or list a whole bucket at once.
 */
public interface BlobStore extends AutoCloseable {

  /**
   * Stores {@code length} bytes read from {@code in} (-1 when the length is not known) under {@code key},
   * replacing any object there. The stream is read to its end but not closed. Returns the stored object's
   * info, including the SHA-256 computed while streaming.
   */
  BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options);

  /** Stores the file at {@code file}; large files go up in parallel parts where the store supports it. */
  BlobInfo put(BlobKey key, Path file, PutOptions options);

  /** The whole object. Fails with {@code NOT_FOUND} when there is none. */
  BlobStream get(BlobKey key);

  /** One range of the object; fails with {@code RANGE_NOT_SATISFIABLE} when it starts beyond the end. */
  BlobStream getRange(BlobKey key, ByteRange range);

  /** The object's info; fails with {@code NOT_FOUND} when there is none. */
  BlobInfo head(BlobKey key);

  /** The object's info, or null when there is none. */
  BlobInfo headOrNull(BlobKey key);

  default boolean exists(BlobKey key) {
    return headOrNull(key) != null;
  }

  /** One page of keys in UTF-8 byte order. */
  ListPage list(ListRequest request);

  /** Every object under {@code prefix}, fetched a page at a time as the stream is consumed. */
  default Stream<BlobInfo> listAll(String prefix) {
    Iterator<BlobInfo> it = new Iterator<>() {
      private ListPage page = list(ListRequest.of(prefix));
      private int index;

      @Override
      public boolean hasNext() {
        while (index >= page.objects().size() && page.hasMore()) {
          page = list(ListRequest.of(prefix).withToken(page.nextToken()));
          index = 0;
        }
        return index < page.objects().size();
      }

      @Override
      public BlobInfo next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.objects().get(index++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false);
  }

  /** Copies {@code source} to {@code target} inside this store, keeping type, metadata and SHA-256. */
  BlobInfo copy(BlobKey source, BlobKey target);

  /**
   * Moves {@code source} to {@code target}: copy, verify the copy's size and SHA-256, then delete the
   * source. A failure before the delete leaves the source in place.
   */
  BlobInfo move(BlobKey source, BlobKey target);

  /** Deletes the object; deleting a key that does not exist succeeds. */
  void delete(BlobKey key);

  /** Deletes many keys in as few requests as the store allows, with a result per key. */
  DeleteManyResult deleteMany(Collection<BlobKey> keys);

  /**
   * Deletes every object under {@code prefix}, or in a dry run only counts them. Refuses an empty
   * prefix. When it fails part way it returns what it did so far with {@code complete} false; running
   * it again continues.
   */
  DeletePrefixResult deletePrefix(String prefix, boolean dryRun);

  /** A dry run of {@link #deletePrefix(String, boolean)}: what would be deleted. */
  default DeletePrefixResult deletePrefix(String prefix) {
    return deletePrefix(prefix, true);
  }

  /** A URL that lets its holder GET the object until it expires; {@code UNSUPPORTED} on disk. */
  PresignedUrl presignGet(BlobKey key, PresignRequest request);

  /** A URL that lets its holder PUT the object until it expires; {@code UNSUPPORTED} on disk. */
  PresignedUrl presignPut(BlobKey key, PresignRequest request);

  /**
   * Removes what writes interrupted by a crash or a kill left behind in this store: temporary files or
   * objects, and incomplete multipart uploads under the store's prefix, last written to more than
   * {@code olderThan} ago (at least {@link SweepResult#MIN_AGE}; {@link SweepResult#DEFAULT_AGE} is the usual
   * choice). Never touches an object, and never a temporary item a write in progress may still use. Stores
   * that keep no temporary data return {@link SweepResult#NOTHING}. Safe to run at any time, from several
   * processes at once.
   */
  default SweepResult sweepTemporary(Duration olderThan) {
    SweepResult.checkAge(olderThan, describe());
    return SweepResult.NOTHING;
  }

  Capabilities capabilities();

  /** Where this store keeps objects, for messages: {@code disk:/path} or {@code s3://bucket/prefix}. */
  String describe();

  /** Releases connections, threads and files. Idempotent. */
  @Override
  void close();
}
