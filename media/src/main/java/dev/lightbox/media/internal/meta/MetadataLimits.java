package dev.lightbox.media.internal.meta;

/**
 * The bounds every metadata path keeps before a parser (ours or metadata-extractor) sees the bytes. They are
 * far above what cameras and generators write and far below what would hurt a server with a small heap; the
 * time a file can cost follows from them, since every walk is linear in the bytes it is allowed to touch.
 */
public final class MetadataLimits {
  /** What one compressed PNG text chunk may inflate to. */
  public static final int TEXT_INFLATED = 16 << 20;
  /**
   * What all compressed metadata of one file may inflate to, together, and what all its PNG text may take
   * once stored (see {@link PngChunkReader#weight}).
   */
  public static final long FILE_INFLATED = 32L << 20;
  /** An XMP packet (plain or extended), an EXIF block, an ICC profile or a C2PA store handed to a parser. */
  public static final int SEGMENT = 8 << 20;
  /** A box of an ISO base media file (HEIC, AVIF) other than image data, and its nesting. */
  public static final long BOX = 16L << 20;
  public static final int BOX_DEPTH = 16;
  public static final int BOXES = 4096;
  /** EXIF/TIFF directories: how many, and how many entries in all. */
  public static final int IFDS = 64;
  public static final int IFD_ENTRIES = 20_000;

  private MetadataLimits() {
  }

  static String mib(long bytes) {
    return bytes >= (1 << 20) ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
