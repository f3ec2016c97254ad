package dev.lightbox.server.media;

import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaType;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import java.nio.file.Path;

/**
 * What ingest needs from media processing. Implementations never make ingest fail for a file they cannot
 * read: analysis falls back to what the bytes show, and a rendition that cannot be made is skipped with a
 * warning.
 */
public interface MediaEngine extends AutoCloseable {

  /** Metadata of the file; {@code sniffed} is the type its first bytes show, from the media module's sniffer. */
  MediaAnalysis analyze(Path file, String fileName, MediaType sniffed);

  /** Writes one rendition to {@code output}, or throws {@link dev.lightbox.media.MediaException}. */
  Rendition render(Path file, String fileName, RenditionSpec spec, Path output);

  /** The engine's name for health output, such as {@code libvips 8.14.1}, or why there is none. */
  String engine();

  boolean rendersRenditions();

  boolean videoSupported();

  @Override
  void close();
}
