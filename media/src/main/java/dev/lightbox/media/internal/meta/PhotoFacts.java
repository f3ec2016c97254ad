package dev.lightbox.media.internal.meta;

import dev.lightbox.media.PhotoMetadata;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What metadata-extractor found: stored (not displayed) size, orientation, capture time, camera facts,
 * AI-relevant EXIF strings, and every tag by directory for the catalog's JSON.
 */
public record PhotoFacts(int width, int height, int orientation, OffsetDateTime captureTime, PhotoMetadata photo,
    Map<String, String> aiTexts, Map<String, Map<String, String>> tags) {
  public static final PhotoFacts NONE = new PhotoFacts(0, 0, 1, null, null, Map.of(), Map.of());
}
