package dev.lightbox.media;

/** A rendition to make: fit within {@code maxSize} x {@code maxSize} pixels, in {@code format}. */
public record RenditionSpec(Kind kind, int maxSize, Format format, int quality) {
  public enum Kind { THUMBNAIL, PREVIEW }

  public enum Format {
    WEBP("image/webp", "webp"), JPEG("image/jpeg", "jpg");

    private final String mimeType;
    private final String extension;

    Format(String mimeType, String extension) {
      this.mimeType = mimeType;
      this.extension = extension;
    }

    public String mimeType() {
      return mimeType;
    }

    public String extension() {
      return extension;
    }
  }

  /** WebP fitting 250 px. */
  public static final RenditionSpec THUMBNAIL = new RenditionSpec(Kind.THUMBNAIL, 250, Format.WEBP, 80);
  /** JPEG fitting 1440 px. */
  public static final RenditionSpec PREVIEW = new RenditionSpec(Kind.PREVIEW, 1440, Format.JPEG, 85);
}
