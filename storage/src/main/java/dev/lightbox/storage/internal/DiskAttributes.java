package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.lightbox.storage.BlobKey;

/**
 * Where the disk backend keeps {@link StoredAttributes}: in an extended attribute of the object file
 * (atomic with the bytes) when the file system allows, else in a sidecar file under {@code .lightbox-meta}
 * written just before the object is renamed into place; a sidecar whose size does not match its object is
 * ignored, so a crash between the two renames never pairs an object with another object's attributes.
 */
public final class DiskAttributes {
  private final DiskLayout layout;
  private final boolean xattrs;

  public DiskAttributes(DiskLayout layout, boolean xattrs) {
    this.layout = layout;
    this.xattrs = xattrs;
  }

  public boolean atomic() {
    return xattrs;
  }

  /** Attaches attributes to a temp file that is about to become {@code key}. */
  public void attach(Path tempFile, BlobKey key, StoredAttributes attributes) throws IOException {
    if (xattrs) {
      AttributeStore.write(tempFile, attributes);
      return;
    }
    Path sidecar = layout.sidecar(key);
    Files.createDirectories(sidecar.getParent());
    Path tmp = Files.createTempFile(sidecar.getParent(), DiskLayout.TEMP_PREFIX, ".attrs");
    try {
      Files.writeString(tmp, attributes.serialize(), StandardCharsets.UTF_8);
      Files.move(tmp, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The attributes of the object file {@code file} of {@code key}, or null when it has none. */
  public StoredAttributes read(Path file, BlobKey key, long actualSize) throws IOException {
    StoredAttributes attributes;
    if (xattrs) {
      attributes = AttributeStore.read(file);
    } else {
      try {
        attributes = StoredAttributes.parse(Files.readString(layout.sidecar(key), StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        return null;
      }
    }
    return attributes != null && attributes.size() == actualSize ? attributes : null;
  }

  public void forget(BlobKey key) throws IOException {
    if (!xattrs) {
      Path sidecar = layout.sidecar(key);
      Files.deleteIfExists(sidecar);
      DiskLayout.pruneEmptyDirs(sidecar.getParent(), layout.root().resolve(DiskLayout.SIDECAR_DIR));
    }
  }
}
