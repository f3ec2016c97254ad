package dev.lightbox.server.media;

import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.MediaType;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link MediaEngine} backed by the media module's processor. */
public final class ProcessorMediaEngine implements MediaEngine {
  private final MediaProcessor processor;

  public ProcessorMediaEngine(MediaProcessor processor) {
    this.processor = processor;
  }

  @Override
  public MediaAnalysis analyze(Path file, String fileName, MediaType sniffed) {
    try {
      return processor.analyze(file, fileName);
    } catch (MediaException | UnsupportedOperationException e) {
      MediaAnalysis basic = BasicMediaEngine.basicAnalysis(sniffed);
      List<String> warnings = new ArrayList<>(basic.warnings());
      warnings.add("metadata could not be read: " + e.getMessage());
      return new MediaAnalysis(basic.kind(), basic.mimeType(), 0, 0, 1, null, null, null, null, null, warnings);
    }
  }

  @Override
  public Rendition render(Path file, String fileName, RenditionSpec spec, Path output) {
    return processor.render(file, fileName, spec, output);
  }

  @Override
  public String engine() {
    return processor.engine();
  }

  @Override
  public boolean rendersRenditions() {
    return true;
  }

  @Override
  public boolean videoSupported() {
    return processor.videoSupported();
  }

  @Override
  public void close() {
    processor.close();
  }
}
