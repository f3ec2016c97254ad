package dev.lightbox.media.internal.meta;

import java.util.List;

/**
 * What the PNG chunk walk found: the header, every text chunk, a C2PA manifest store (caBX) if any, and a
 * warning for each chunk that could not be read (the walk goes on past it where it can).
 */
public record PngScan(int width, int height, int colorType, List<PngText> texts, byte[] c2pa, List<String> warnings) {
  public PngScan {
    texts = List.copyOf(texts);
    warnings = List.copyOf(warnings);
  }

  public boolean hasAlpha() {
    return colorType == 4 || colorType == 6;
  }
}
