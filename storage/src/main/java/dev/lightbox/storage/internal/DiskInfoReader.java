package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Builds {@link BlobInfo} from a file and its stored attributes. */
public final class DiskInfoReader {
  private final DiskLayout layout;
  private final DiskAttributes attributes;

  public DiskInfoReader(DiskLayout layout, DiskAttributes attributes) {
    this.layout = layout;
    this.attributes = attributes;
  }

  /** The info of {@code file}, or null when there is no regular file. */
  public BlobInfo read(Path file, BlobKey key, String operation) {
    try {
      BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!basic.isRegularFile()) {
        return null;
      }
      StoredAttributes stored = attributes.read(file, key, basic.size());
      return toInfo(key, basic, stored);
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return null;
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, operation, layout.describe(), key.value(), e.toString(), e);
    }
  }

  /** For listings: the file was just seen, so a vanished file yields null rather than an error. */
  public BlobInfo listed(Path file) {
    return read(file, BlobKey.of(layout.keyOf(file)), "list");
  }

  private static BlobInfo toInfo(BlobKey key, BasicFileAttributes basic, StoredAttributes stored) {
    String sha256 = stored == null ? null : stored.sha256();
    String contentType = stored != null && stored.contentType() != null
        ? stored.contentType() : ContentTypes.guess(key.fileName());
    long mtimeNanos = basic.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
        + basic.lastModifiedTime().toInstant().getNano();
    String etag = sha256 != null
        ? "\"" + sha256.substring(0, 32) + "\""
        : "\"" + Long.toHexString(basic.size()) + "-" + Long.toHexString(mtimeNanos) + "\"";
    return new BlobInfo(key, basic.size(), contentType, etag, sha256, basic.lastModifiedTime().toInstant(),
        stored == null ? null : stored.cacheControl(), stored == null ? null : stored.userMetadata());
  }

  /** Put options that reproduce {@code info}'s type and metadata on a copy. */
  public static PutOptions optionsOf(BlobInfo info) {
    return PutOptions.builder().contentType(info.contentType()).cacheControl(info.cacheControl())
        .metadata(info.userMetadata()).expectedSha256(info.sha256()).build();
  }
}
