package dev.lightbox.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings for a {@link MediaProcessor}.
 *
 * @param tempDir where temp files go (they are always removed)
 * @param preferLibvips false forces the pure-Java engine
 * @param maxPixels images that declare more pixels than this are refused before decoding
 * @param timeout the longest any one native or ffmpeg operation may take
 */
public record MediaConfig(Path tempDir, boolean preferLibvips, long maxPixels, Duration timeout) {
  public static MediaConfig defaults(Path tempDir) {
    return new MediaConfig(tempDir, true, 200_000_000L, Duration.ofSeconds(60));
  }
}
