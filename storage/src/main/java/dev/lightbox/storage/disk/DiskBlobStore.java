package dev.lightbox.storage.disk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

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
import dev.lightbox.storage.SweepResult;
import dev.lightbox.storage.internal.AttributeStore;
import dev.lightbox.storage.internal.BoundedInputStream;
import dev.lightbox.storage.internal.DiskAttributes;
import dev.lightbox.storage.internal.DiskInfoReader;
import dev.lightbox.storage.internal.DiskLayout;
import dev.lightbox.storage.internal.DiskLister;
import dev.lightbox.storage.internal.DiskMover;
import dev.lightbox.storage.internal.DiskTempSweep;
import dev.lightbox.storage.internal.DiskWriter;
import dev.lightbox.storage.internal.PrefixDeleter;

/**
 * A {@link BlobStore} over a local directory. Objects are plain files named by their keys, so the tree
 * stays readable by other tools; content type, metadata and SHA-256 ride in an extended attribute of each
 * file (a sidecar where the file system has none). Writes are temp file, fsync, atomic rename. Keys that
 * would leave the root, through symbolic links too, are refused. Presigned URLs are not supported.
 */
public final class DiskBlobStore implements BlobStore {
  private final DiskLayout layout;
  private final DiskAttributes attributes;
  private final DiskWriter writer;
  private final DiskInfoReader infoReader;
  private final DiskLister lister;
  private final Capabilities capabilities;

  private DiskBlobStore(Path realRoot) {
    this.layout = new DiskLayout(realRoot);
    this.attributes = new DiskAttributes(layout, AttributeStore.supported(realRoot));
    this.writer = new DiskWriter(layout, attributes);
    this.infoReader = new DiskInfoReader(layout, attributes);
    this.lister = new DiskLister(layout, infoReader::listed);
    this.capabilities = Capabilities.builder()
        .ranges(true).serverSideCopy(true).atomicMove(true).atomicMetadata(attributes.atomic())
        .sseModes(Set.of()).maxBatchDelete(1000).build();
  }

  /** Opens (creating if needed) a store rooted at {@code root}. */
  public static DiskBlobStore open(Path root) {
    try {
      Files.createDirectories(root);
      return new DiskBlobStore(root.toRealPath());
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "open", "disk:" + root, null,
          "cannot create or read the root directory: " + e.getMessage()
              + ". Check that the path exists and is writable", e);
    }
  }

  public Path root() {
    return layout.root();
  }

  /** The file that holds {@code key}, for callers that hand files to other tools; it may not exist. */
  public Path fileOf(BlobKey key) {
    return layout.resolve(key, "resolve");
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    Path target = layout.resolve(key, "put");
    writer.write(key, target, in, length, options);
    return head(key);
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(key, in, Files.size(file), options);
    } catch (IOException e) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "put", layout.describe(), key.value(),
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
    Path file = layout.resolve(key, operation);
    for (int attempt = 0; attempt < 3; attempt++) {
      BlobInfo info = infoReader.read(file, key, operation);
      if (info == null) {
        throw notFound(operation, key);
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw notFound(operation, key);
      } catch (IOException e) {
        throw StorageException.of(Kind.UNAVAILABLE, operation, layout.describe(), key.value(), e.toString(), e);
      }
      try {
        if (channel.size() != info.size()) {
          channel.close(); // replaced between reading its info and opening it: read again
          continue;
        }
        return stream(channel, info, range, operation);
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        if (e instanceof StorageException se) {
          throw se;
        }
        throw StorageException.of(Kind.UNAVAILABLE, operation, layout.describe(), key.value(), e.toString(), e);
      }
    }
    throw StorageException.of(Kind.CONFLICT, operation, layout.describe(), key.value(),
        "the object kept changing while it was opened; try again");
  }

  private BlobStream stream(FileChannel channel, BlobInfo info, ByteRange range, String operation)
      throws IOException {
    if (range == null) {
      return new BlobStream(Channels.newInputStream(channel), info, null);
    }
    ByteRange.Resolved resolved = range.resolve(info.size());
    if (resolved == null) {
      throw StorageException.of(Kind.RANGE_NOT_SATISFIABLE, operation, layout.describe(), info.key().value(),
          "range " + range + " is outside the object's " + info.size() + " bytes");
    }
    channel.position(resolved.first());
    return new BlobStream(new BoundedInputStream(Channels.newInputStream(channel), resolved.length()), info,
        resolved);
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
    return infoReader.read(layout.resolve(key, "head"), key, "head");
  }

  @Override
  public ListPage list(ListRequest request) {
    return lister.list(request);
  }

  @Override
  public BlobInfo copy(BlobKey source, BlobKey target) {
    BlobInfo info = head(source);
    try (BlobStream in = get(source)) {
      return put(target, in, info.size(), DiskInfoReader.optionsOf(info));
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "copy", layout.describe(), source.value(), e.toString(), e);
    }
  }

  /** A rename within the root: atomic, and the attributes travel with the file. */
  @Override
  public BlobInfo move(BlobKey source, BlobKey target) {
    new DiskMover(layout, attributes, infoReader).move(source, target);
    return head(target);
  }

  @Override
  public void delete(BlobKey key) {
    Path file = layout.resolve(key, "delete");
    try {
      Files.deleteIfExists(file);
      attributes.forget(key);
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "delete", layout.describe(), key.value(), e.toString(), e);
    }
    DiskLayout.pruneEmptyDirs(file.getParent(), layout.root());
  }

  @Override
  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    return DeleteManyResult.oneByOne(keys, this::delete);
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
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

  private StorageException unsupportedPresign(BlobKey key) {
    return StorageException.of(Kind.UNSUPPORTED, "presign", layout.describe(), key.value(),
        "a disk store has no presigned URLs; serve the file through the server instead");
  }

  /** Removes the temp files of writes killed part way: beside their targets and in the sidecar directory. */
  @Override
  public SweepResult sweepTemporary(Duration olderThan) {
    SweepResult.checkAge(olderThan, layout.describe());
    return new DiskTempSweep(layout).sweep(Instant.now().minus(olderThan));
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public String describe() {
    return layout.describe();
  }

  @Override
  public void close() {
    // nothing held open between calls
  }

  @Override
  public String toString() {
    return "DiskBlobStore[" + layout.root() + "]";
  }

  private StorageException notFound(String operation, BlobKey key) {
    return StorageException.of(Kind.NOT_FOUND, operation, layout.describe(), key.value(), "no such object");
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // already failing
    }
  }

}
