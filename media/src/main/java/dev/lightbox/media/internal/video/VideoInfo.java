package dev.lightbox.media.internal.video;

import java.time.Duration;

/** What ffprobe says about a video's first video stream; width and height as stored (before rotation). */
public record VideoInfo(int width, int height, int rotation, Duration duration, String codec) {
  /** Width and height as displayed, after the rotation is applied. */
  public int displayWidth() {
    return rotation % 180 == 0 ? width : height;
  }

  public int displayHeight() {
    return rotation % 180 == 0 ? height : width;
  }
}
