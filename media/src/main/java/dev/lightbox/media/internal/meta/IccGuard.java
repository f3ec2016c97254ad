package dev.lightbox.media.internal.meta;

import java.nio.ByteBuffer;

/**
 * Checks an ICC profile's tag table before metadata-extractor reads it. The library copies every tag's
 * bytes into its own array, and tags may overlap: a small profile whose thousands of tags each declare the
 * whole profile would cost gigabytes. A profile is refused when it declares more than {@link #MAX_TAGS} tags,
 * a tag past its end, or tags that add up to more than {@link MetadataLimits#SEGMENT}.
 */
final class IccGuard {
  /** Real profiles have a few dozen tags at most. */
  static final int MAX_TAGS = 1024;
  private static final int HEADER = 128;

  private IccGuard() {
  }

  /** Null when the profile may be read, else the warning saying why it was not. */
  static String check(byte[] profile, int offset, int length, String where) {
    return check(ByteBuffer.wrap(profile, offset, length).slice(), where);
  }

  /** As {@link #check(byte[], int, int, String)} for the profile from {@code profile}'s position to its limit. */
  static String check(ByteBuffer profile, String where) {
    ByteBuffer b = profile.slice(); // big-endian, whatever the order of the buffer it comes from
    int length = b.remaining();
    if (length < HEADER + 4) {
      return null; // no tag table: the library reads the header within the bytes it has
    }
    long count = b.getInt(HEADER) & 0xFFFFFFFFL;
    if (count > MAX_TAGS || HEADER + 4 + 12 * count > length) {
      return where + " ICC profile declares " + count + " tags, more than "
          + (count > MAX_TAGS ? MAX_TAGS : "its " + length + " bytes hold") + "; it was not read (a metadata bomb?)";
    }
    long total = 0;
    for (int i = 0; i < count; i++) {
      int at = HEADER + 4 + 12 * i;
      long tagOffset = b.getInt(at + 4) & 0xFFFFFFFFL;
      long tagSize = b.getInt(at + 8) & 0xFFFFFFFFL;
      if (tagOffset + tagSize > length) {
        return where + " ICC profile declares a tag of " + tagSize + " bytes past its end; it was not read";
      }
      total += tagSize;
      if (total > MetadataLimits.SEGMENT) {
        return where + " ICC profile's tags add up to more than " + MetadataLimits.mib(MetadataLimits.SEGMENT)
            + " (they overlap); it was not read (a metadata bomb?)";
      }
    }
    return null;
  }
}
