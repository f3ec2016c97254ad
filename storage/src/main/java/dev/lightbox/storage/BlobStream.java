package dev.lightbox.storage;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * The content of an object (or of one range of it) as a stream the caller must close, with the
 * object's info and, for a ranged read, the resolved range. Closing it early releases the connection or
 * file handle without reading the rest.
 */
public final class BlobStream extends FilterInputStream {
  private final BlobInfo info;
  private final ByteRange.Resolved range;

  public BlobStream(InputStream in, BlobInfo info, ByteRange.Resolved range) {
    super(in);
    this.info = info;
    this.range = range;
  }

  public BlobInfo info() {
    return info;
  }

  /** The bytes this stream holds: the resolved range, or null for the whole object. */
  public ByteRange.Resolved range() {
    return range;
  }

  /** How many bytes this stream will yield. */
  public long contentLength() {
    return range == null ? info.size() : range.length();
  }

  @Override
  public String toString() {
    return "BlobStream[" + info.key() + (range == null ? "" : " " + range.contentRange()) + "]";
  }
}
