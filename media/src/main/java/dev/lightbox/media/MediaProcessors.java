package dev.lightbox.media;

import dev.lightbox.media.internal.DefaultMediaProcessor;
import dev.lightbox.media.internal.ImageEngine;
import dev.lightbox.media.internal.imageio.ImageIoEngine;
import dev.lightbox.media.internal.video.VideoTools;
import dev.lightbox.media.internal.vips.VipsEngine;

/** Creates the best {@link MediaProcessor} this machine supports. */
public final class MediaProcessors {
  private MediaProcessors() {
  }

  /**
   * libvips in-process when {@code config.preferLibvips()} and {@code libvips.so.42} loads (the JVM needs
   * {@code --enable-native-access=ALL-UNNAMED}); the pure-Java engine otherwise. {@link MediaProcessor#engine()}
   * says which was chosen, and {@link #libvipsUnavailableReason()} why libvips was not.
   */
  public static MediaProcessor create(MediaConfig config) {
    ImageEngine engine = null;
    if (config.preferLibvips()) {
      String[] why = new String[1];
      engine = VipsEngine.tryCreate(config.timeout(), config.tempDir(), why);
      lastReason = why[0];
    } else {
      lastReason = "disabled by MediaConfig.preferLibvips=false";
    }
    if (engine == null) {
      engine = new ImageIoEngine(config.timeout(), config.maxPixels());
    }
    return new DefaultMediaProcessor(config, engine, new VideoTools(config.timeout(), config.maxPixels()));
  }

  private static volatile String lastReason;

  /** Why the last {@link #create} did not use libvips, or null when it did. */
  public static String libvipsUnavailableReason() {
    return lastReason;
  }
}
