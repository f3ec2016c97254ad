package dev.lightbox.media;

import java.nio.file.Path;

/** A rendition written to {@code file}. */
public record Rendition(RenditionSpec spec, Path file, int width, int height, long sizeBytes) {
  public String mimeType() {
    return spec.format().mimeType();
  }
}
