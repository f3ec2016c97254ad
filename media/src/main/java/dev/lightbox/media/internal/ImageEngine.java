package dev.lightbox.media.internal;

import dev.lightbox.media.RenditionSpec;
import java.nio.file.Path;

/**
 * Decodes and renders still images. Implementations check declared dimensions before decoding, bound
 * their work in time, and throw {@link dev.lightbox.media.MediaException} naming the file.
 */
public interface ImageEngine extends AutoCloseable {
  /** For health output, e.g. {@code libvips 8.14.1}. */
  String name();

  /** Stored width and height from the header only (no decode), or null when the engine cannot tell. */
  int[] header(Path file, String fileName);

  /**
   * Writes {@code spec}'s rendition of the first frame or page, oriented upright and in sRGB, to
   * {@code out} (a fresh temp path the caller moves into place). Returns the written width and height.
   */
  int[] render(Path file, String fileName, RenditionSpec spec, Path out);

  @Override
  void close();
}
