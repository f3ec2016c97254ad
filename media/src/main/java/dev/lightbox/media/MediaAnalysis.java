package dev.lightbox.media;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What one file holds.
 *
 * @param kind image or video
 * @param mimeType detected from the content, not the name
 * @param width displayed width, after orientation is applied (0 when unknown)
 * @param height displayed height, after orientation is applied (0 when unknown)
 * @param orientation EXIF orientation 1-8 (1 when absent); for video, 1 and {@code rotation} says more
 * @param captureTime when the photo was taken, with its offset when known, else null
 * @param duration for video, else null
 * @param photo camera metadata, or null
 * @param ai AI generation metadata, or null when none was found
 * @param metadataJson the full metadata as one JSON object, for the catalog
 * @param warnings per-field problems (a bad chunk, truncated JSON) that did not stop the rest
 */
public record MediaAnalysis(
    Kind kind,
    String mimeType,
    int width,
    int height,
    int orientation,
    OffsetDateTime captureTime,
    Duration duration,
    PhotoMetadata photo,
    AiMetadata ai,
    String metadataJson,
    List<String> warnings) {

  public enum Kind { IMAGE, VIDEO }

  public MediaAnalysis {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
