package dev.lightbox.server.library.internal;

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
import dev.lightbox.storage.internal.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Set;

/**
 * A directory of someone else's files, read as a {@link BlobStore} and never written: opening it creates
 * nothing (unlike the disk backend, which probes its root for extended attributes), every write is refused
 * with {@code READ_ONLY} before the file system is touched, and keys never resolve outside the root (no
 * {@code ..}, no symbolic links). Listing goes through {@link LibrarySource}, which walks the tree.
 */
public final class ReadOnlyDiskStore implements BlobStore {
  private static final Capabilities CAPABILITIES = Capabilities.builder().ranges(true).sseModes(Set.of()).build();
  private final Path root;

  public ReadOnlyDiskStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The regular file under the root for {@code key}, refusing links; may not exist. */
  public Path fileOf(BlobKey key) {
    Path file = root.resolve(key.value()).normalize();
    if (!file.startsWith(root)) {
      throw StorageException.of(Kind.INVALID_KEY, "resolve", describe(), key.value(), "outside the library");
    }
    Path dir = root;
    for (Path part : root.relativize(file)) {
      dir = dir.resolve(part);
      if (Files.isSymbolicLink(dir)) {
        throw StorageException.of(Kind.NOT_FOUND, "resolve", describe(), key.value(), "symbolic links are not followed");
      }
    }
    return file;
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
    Path file = fileOf(key);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw StorageException.of(Kind.NOT_FOUND, operation, describe(), key.value(), "no such file in the library");
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, operation, describe(), key.value(), e.toString(), e);
    }
    try {
      BlobInfo info = info(key, file);
      if (range == null) {
        return new BlobStream(Channels.newInputStream(channel), info, null);
      }
      ByteRange.Resolved resolved = range.resolve(info.size());
      if (resolved == null) {
        throw StorageException.of(Kind.RANGE_NOT_SATISFIABLE, operation, describe(), key.value(),
            "range " + range + " is outside the file's " + info.size() + " bytes");
      }
      channel.position(resolved.first());
      return new BlobStream(new BoundedInputStream(Channels.newInputStream(channel), resolved.length()), info,
          resolved);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // reported below
      }
      if (e instanceof StorageException se) {
        throw se;
      }
      throw StorageException.of(Kind.UNAVAILABLE, operation, describe(), key.value(), e.toString(), e);
    }
  }

  private BlobInfo info(BlobKey key, Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isRegularFile()) {
      throw new NoSuchFileException(file.toString());
    }
    return new BlobInfo(key, a.size(), null, null, null, a.lastModifiedTime().toInstant(), null, null);
  }

  @Override
  public BlobInfo head(BlobKey key) {
    BlobInfo info = headOrNull(key);
    if (info == null) {
      throw StorageException.of(Kind.NOT_FOUND, "head", describe(), key.value(), "no such file in the library");
    }
    return info;
  }

  @Override
  public BlobInfo headOrNull(BlobKey key) {
    try {
      return info(key, fileOf(key));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "head", describe(), key.value(), e.toString(), e);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    throw refused("list");
  }

  @Override
  public BlobInfo put(BlobKey key, InputStream in, long length, PutOptions options) {
    throw refused("put");
  }

  @Override
  public BlobInfo put(BlobKey key, Path file, PutOptions options) {
    throw refused("put");
  }

  @Override
  public BlobInfo copy(BlobKey source, BlobKey target) {
    throw refused("copy");
  }

  @Override
  public BlobInfo move(BlobKey source, BlobKey target) {
    throw refused("move");
  }

  @Override
  public void delete(BlobKey key) {
    throw refused("delete");
  }

  @Override
  public DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    throw refused("deleteMany");
  }

  @Override
  public DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    throw refused("deletePrefix");
  }

  @Override
  public PresignedUrl presignGet(BlobKey key, PresignRequest request) {
    throw StorageException.of(Kind.UNSUPPORTED, "presignGet", describe(), key.value(), "a directory has no URLs");
  }

  @Override
  public PresignedUrl presignPut(BlobKey key, PresignRequest request) {
    throw refused("presignPut");
  }

  private StorageException refused(String operation) {
    return StorageException.of(Kind.READ_ONLY, operation, describe(), null,
        "a library in place is read-only: Lightbox never writes into it");
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String describe() {
    return "library:" + root;
  }

  @Override
  public void close() {
    // nothing held between calls
  }
}
