package dev.lightbox.media;

import java.nio.file.Path;

/**
 * Reads a media file once and makes what a gallery needs from it: its metadata and its renditions.
 * Thread-safe; blocking (run it on virtual threads or a bounded pool). Every failure is a
 * {@link MediaException} naming the file and what was wrong; nothing crashes, hangs or leaves temp files.
 *
 * <p>Obtain one with {@link MediaProcessors#create(MediaConfig)}, which picks libvips in-process when the
 * system library is installed and a pure-Java engine otherwise.
 */
public interface MediaProcessor extends AutoCloseable {

  /** Metadata of a local file; {@code fileName} is the user's name for it (for type hints and messages). */
  MediaAnalysis analyze(Path file, String fileName);

  /**
   * Writes one rendition of {@code file} to {@code output} (created or replaced), with EXIF orientation
   * applied, colour in sRGB, and the first frame of animations, multi-page images and videos.
   */
  Rendition render(Path file, String fileName, RenditionSpec spec, Path output);

  /** Which engine renders images, for health output: for example {@code libvips 8.14.1} or {@code imageio}. */
  String engine();

  /** Whether video (ffmpeg and ffprobe) is available. */
  boolean videoSupported();

  @Override
  void close();
}
