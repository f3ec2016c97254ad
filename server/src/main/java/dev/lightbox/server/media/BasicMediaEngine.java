package dev.lightbox.server.media;

import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.MediaType;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Used when no media processor could be created: files are still stored and served, with their type from
 * their first bytes, no metadata and no renditions.
 */
public final class BasicMediaEngine implements MediaEngine {
  private final String reason;

  public BasicMediaEngine(String reason) {
    this.reason = reason;
  }

  static MediaAnalysis basicAnalysis(MediaType sniffed) {
    return new MediaAnalysis(sniffed.kind(), sniffed.mimeType(), 0, 0, 1, null, null, null, null, null, List.of());
  }

  @Override
  public MediaAnalysis analyze(Path file, String fileName, MediaType sniffed) {
    MediaAnalysis basic = basicAnalysis(sniffed);
    return new MediaAnalysis(basic.kind(), basic.mimeType(), 0, 0, 1, null, null, null, null, null,
        List.of("no media engine (" + reason + "): metadata not read"));
  }

  @Override
  public Rendition render(Path file, String fileName, RenditionSpec spec, Path output) {
    throw new MediaException(MediaException.Kind.TOOL_MISSING, fileName, "no media engine: " + reason);
  }

  @Override
  public String engine() {
    return "none (" + reason + ")";
  }

  @Override
  public boolean rendersRenditions() {
    return false;
  }

  @Override
  public boolean videoSupported() {
    return false;
  }

  @Override
  public void close() {
  }
}
