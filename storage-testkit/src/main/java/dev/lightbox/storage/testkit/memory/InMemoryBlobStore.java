package dev.lightbox.storage.testkit.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.Capabilities;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PresignRequest;
import dev.lightbox.storage.PresignedUrl;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import dev.lightbox.storage.internal.ContentTypes;
import dev.lightbox.storage.internal.PrefixDeleter;
import dev.lightbox.storage.testkit.memory.ObjectTable.Stored;

/**
 * A strict, thread-safe {@link BlobStore} in memory for tests that need no bytes on disk. It behaves as the
 * disk store does (same capabilities, validation, error kinds and messages, no presigned URLs) and is
 * stricter where a real backend would only fail later: it refuses use after {@link #close()}, fails a read
 * of a closed stream, and tracks every {@link BlobStream} it hands out. {@link #close()} and
 * {@link #assertNoOpenStreams()} fail with a {@link LeakedStreamError} naming each leaked key and where its
 * stream was opened. Use it with try-with-resources or {@link StrictBlobStoreExtension}.
 */
public final class InMemoryBlobStore implements BlobStore {
  /** How long a leak check waits for streams another thread is about to close (a server's response). */
  public static final Duration DEFAULT_LEAK_GRACE = Duration.ofSeconds(5);
  private static final AtomicInteger STORES = new AtomicInteger();

  private final String describe;
  private final Duration leakGrace;
  private final ObjectTable objects;
  private final OpenStreams streams;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Capabilities capabilities = Capabilities.builder()
      .ranges(true).serverSideCopy(true).atomicMove(true).atomicMetadata(true)
      .sseModes(Set.of()).maxBatchDelete(1000).build();

  public InMemoryBlobStore() {
    this("store-" + STORES.incrementAndGet(), DEFAULT_LEAK_GRACE);
  }

  /** A store described as {@code memory:name} whose leak checks wait up to {@code leakGrace}. */
  public InMemoryBlobStore(String name, Duration leakGrace) {
    this.describe = "memory:" + name;
    this.leakGrace = leakGrace;
    this.objects = new ObjectTable(describe);
    this.streams = new OpenStreams(describe);
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    check(key, "put");
    MemoryWriter.Body body = MemoryWriter.read(describe, key, in, length, options);
    BlobInfo info = new BlobInfo(key, body.bytes().length,
        options.contentType() != null ? options.contentType() : ContentTypes.guess(key.fileName()),
        etagOf(body.sha256()), body.sha256(), Instant.now(), options.cacheControl(), options.userMetadata());
    objects.put(key, new Stored(body.bytes(), info), "put");
    options.progress().onComplete(body.bytes().length);
    return info;
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(key, in, Files.size(file), options);
    } catch (IOException e) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", describe, key.value(),
          "cannot read the source file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public BlobStream get(BlobKey key) {
    return open(key, null, "get");
  }

  @Override
  public BlobStream getRange(BlobKey key, ByteRange range) {
    return open(key, range, "getRange");
  }

  private BlobStream open(BlobKey key, ByteRange range, String operation) {
    check(key, operation);
    Stored stored = objects.get(key);
    if (stored == null) {
      throw notFound(operation, key);
    }
    BlobInfo info = stored.info();
    if (range == null) {
      return new BlobStream(streams.open(operation, key.value(), stored.bytes(), 0, stored.bytes().length), info,
          null);
    }
    ByteRange.Resolved resolved = range.resolve(info.size());
    if (resolved == null) {
      throw StorageException.of(Kind.RANGE_NOT_SATISFIABLE, operation, describe, key.value(),
          "range " + range + " is outside the object's " + info.size() + " bytes");
    }
    return new BlobStream(streams.open(operation, key.value(), stored.bytes(), (int) resolved.first(),
        (int) resolved.length()), info, resolved);
  }

  @Override
  public BlobInfo head(BlobKey key) {
    BlobInfo info = headOrNull(key);
    if (info == null) {
      throw notFound("head", key);
    }
    return info;
  }

  @Override
  public BlobInfo headOrNull(BlobKey key) {
    check(key, "head");
    Stored stored = objects.get(key);
    return stored == null ? null : stored.info();
  }

  @Override
  public ListPage list(ListRequest request) {
    checkOpen("list", request.prefix());
    return objects.read(sorted -> MemoryLister.list(sorted, request));
  }

  @Override
  public BlobInfo copy(BlobKey source, BlobKey target) {
    check(source, "copy");
    check(target, "copy");
    Stored stored = objects.get(source);
    if (stored == null) {
      throw notFound("copy", source);
    }
    BlobInfo copy = withKey(stored.info(), target);
    objects.put(target, new Stored(stored.bytes(), copy), "copy");
    return copy;
  }

  /** Atomic, as a rename on disk is. */
  @Override
  public BlobInfo move(BlobKey source, BlobKey target) {
    check(source, "move");
    check(target, "move");
    Stored moved = objects.move(source, target, stored -> new Stored(stored.bytes(), withKey(stored.info(), target)));
    if (moved == null) {
      throw notFound("move", source);
    }
    return moved.info();
  }

  @Override
  public void delete(BlobKey key) {
    check(key, "delete");
    objects.remove(key);
  }

  @Override
  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    return DeleteManyResult.oneByOne(keys, this::delete);
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    checkOpen("deletePrefix", prefix);
    return PrefixDeleter.run(this, prefix, dryRun);
  }

  @Override
  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    throw unsupportedPresign(key);
  }

  @Override
  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    throw unsupportedPresign(key);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public String describe() {
    return describe;
  }

  /** How many streams from get/getRange are open now. */
  public int openStreamCount() {
    return streams.count();
  }

  /** Fails with a {@link LeakedStreamError} when a stream is still open after the leak grace. */
  public void assertNoOpenStreams() {
    streams.assertNoneOpen(leakGrace);
  }

  /** Marks the store closed and fails, once, when a stream it handed out is still open. Idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      streams.assertNoneOpen(leakGrace);
    } finally {
      streams.clear();
    }
  }

  @Override
  public String toString() {
    return "InMemoryBlobStore[" + describe + "]";
  }

  private void check(BlobKey key, String operation) {
    checkOpen(operation, key.value());
    objects.checkKey(key, operation);
  }

  private void checkOpen(String operation, String key) {
    if (closed.get()) {
      throw StorageException.retryable(Kind.UNAVAILABLE, operation, describe, key,
          "the store was closed; a test must not use a store after closing it", false, null);
    }
  }

  private static BlobInfo withKey(BlobInfo info, BlobKey key) {
    return new BlobInfo(key, info.size(), info.contentType(), info.etag(), info.sha256(), Instant.now(),
        info.cacheControl(), info.userMetadata());
  }

  /** As on disk: a tag from the content hash, never the hash itself. */
  private static String etagOf(String sha256) {
    return "\"" + sha256.substring(0, 32) + "\"";
  }

  private StorageException notFound(String operation, BlobKey key) {
    return StorageException.of(Kind.NOT_FOUND, operation, describe, key.value(), "no such object");
  }

  private StorageException unsupportedPresign(BlobKey key) {
    return StorageException.of(Kind.UNSUPPORTED, "presign", describe, key.value(),
        "an in-memory store has no presigned URLs; serve the object through the server instead");
  }
}
