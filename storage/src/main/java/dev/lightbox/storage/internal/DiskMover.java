package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Moves an object within one disk store by an atomic rename that takes its attributes along. */
public final class DiskMover {
  private final DiskLayout layout;
  private final DiskAttributes attributes;
  private final DiskInfoReader infoReader;

  public DiskMover(DiskLayout layout, DiskAttributes attributes, DiskInfoReader infoReader) {
    this.layout = layout;
    this.attributes = attributes;
    this.infoReader = infoReader;
  }

  public void move(BlobKey source, BlobKey target) {
    Path from = layout.resolve(source, "move");
    Path to = layout.resolve(target, "move");
    BlobInfo info = infoReader.read(from, source, "move");
    if (info == null) {
      throw StorageException.of(Kind.NOT_FOUND, "move", layout.describe(), source.value(), "no such object");
    }
    if (from.equals(to)) {
      return;
    }
    try {
      Files.createDirectories(to.getParent());
      if (!attributes.atomic()) {
        attributes.attach(from, target, new StoredAttributes(info.size(), info.sha256(), info.contentType(),
            info.cacheControl(), null, info.userMetadata()));
      }
      DiskWriter.moveIntoPlace(from, to);
      DiskWriter.fsyncDirectory(to.getParent());
      attributes.forget(source);
    } catch (IOException e) {
      throw StorageException.of(Kind.UNAVAILABLE, "move", layout.describe(), source.value(),
          "could not rename to '" + target + "': " + e, e);
    }
    DiskLayout.pruneEmptyDirs(from.getParent(), layout.root());
  }
}
