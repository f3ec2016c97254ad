package dev.lightbox.media.internal;

import dev.lightbox.media.MediaAnalysis.Kind;
import dev.lightbox.media.MediaType;

/** A container format recognised from a file's first bytes (never from its name) by {@link FormatSniffer}. */
public enum MediaFormat {
  JPEG("image/jpeg", Kind.IMAGE, "jpg"),
  PNG("image/png", Kind.IMAGE, "png"),
  WEBP("image/webp", Kind.IMAGE, "webp"),
  GIF("image/gif", Kind.IMAGE, "gif"),
  TIFF("image/tiff", Kind.IMAGE, "tif"),
  HEIC("image/heic", Kind.IMAGE, "heic"),
  HEIF("image/heif", Kind.IMAGE, "heif"),
  AVIF("image/avif", Kind.IMAGE, "avif"),
  MP4("video/mp4", Kind.VIDEO, "mp4"),
  MOV("video/quicktime", Kind.VIDEO, "mov"),
  WEBM("video/webm", Kind.VIDEO, "webm"),
  MATROSKA("video/x-matroska", Kind.VIDEO, "mkv"),
  UNKNOWN("application/octet-stream", null, null);

  private final String mimeType;
  private final Kind kind;
  private final MediaType mediaType;

  MediaFormat(String mimeType, Kind kind, String extension) {
    this.mimeType = mimeType;
    this.kind = kind;
    this.mediaType = kind == null ? null : new MediaType(mimeType, kind, extension);
  }

  public String mimeType() {
    return mimeType;
  }

  public Kind kind() {
    return kind;
  }

  /** The public description of this format; null for {@link #UNKNOWN}. */
  public MediaType mediaType() {
    return mediaType;
  }
}
