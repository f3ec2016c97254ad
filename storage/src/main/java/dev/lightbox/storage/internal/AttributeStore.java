package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * Keeps {@link StoredAttributes} in a user extended attribute of the object file itself. Set on the temp
 * file before the atomic rename, they appear together with the bytes or not at all.
 */
public final class AttributeStore {
  static final String XATTR_NAME = "lightbox";

  private AttributeStore() {
  }

  /** True when files in {@code dir} take user extended attributes. */
  public static boolean supported(Path dir) {
    Path probe = null;
    try {
      probe = Files.createTempFile(dir, DiskLayout.TEMP_PREFIX, ".probe");
      write(probe, new StoredAttributes(0, null, null, null, null, null));
      return read(probe) != null;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // a leftover probe file is hidden from listings and harmless
        }
      }
    }
  }

  public static void write(Path file, StoredAttributes attributes) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      throw new UnsupportedOperationException("user extended attributes are not supported");
    }
    view.write(XATTR_NAME, ByteBuffer.wrap(attributes.serialize().getBytes(StandardCharsets.UTF_8)));
  }

  /** The attributes, or null when the file has none (for example a file placed there by hand). */
  public static StoredAttributes read(Path file) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      return null;
    }
    try {
      int size = view.size(XATTR_NAME);
      ByteBuffer buf = ByteBuffer.allocate(size);
      view.read(XATTR_NAME, buf);
      buf.flip();
      return StoredAttributes.parse(StandardCharsets.UTF_8.decode(buf).toString());
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException e) {
      return null; // ENODATA: no attribute on this file
    }
  }
}
