package dev.lightbox.media;

/** Creates the best {@link MediaProcessor} this machine supports. */
public final class MediaProcessors {
  private MediaProcessors() {
  }

  public static MediaProcessor create(MediaConfig config) {
    throw new UnsupportedOperationException("media engines are being written (issue 5)");
  }
}
