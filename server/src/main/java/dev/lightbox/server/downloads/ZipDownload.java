package dev.lightbox.server.downloads;

import dev.lightbox.server.assets.Location;
import dev.lightbox.server.downloads.internal.StreamingZipWriter;
import dev.lightbox.server.downloads.internal.ZipEntrySpec;
import dev.lightbox.server.downloads.internal.ZipLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One planned archive: its file name, its entries and its exact length in bytes, all known before any
 * object is read. {@link #writeTo} streams it, opening one object at a time and only when its turn comes, so
 * a writer that fails (a client gone) stops the reads there.
 */
public final class ZipDownload {
  /** One object to put in the archive under {@code spec.name()}. */
  record Entry(String assetId, Location location, ZipEntrySpec spec) {
  }

  /** Opens an entry's bytes when its turn comes. */
  @FunctionalInterface
  interface Opener {
    InputStream open(Entry entry) throws IOException;
  }

  private final String fileName;
  private final List<Entry> entries;
  private final long length;
  private final Opener opener;

  ZipDownload(String fileName, List<Entry> entries, Opener opener) {
    this.fileName = fileName;
    this.entries = List.copyOf(entries);
    this.length = ZipLayout.archiveLength(this.entries.stream().map(Entry::spec).toList());
    this.opener = opener;
  }

  /** The archive's file name (safe, ending in .zip), for Content-Disposition. */
  public String fileName() {
    return fileName;
  }

  public int entryCount() {
    return entries.size();
  }

  /** The names inside the archive, in order. */
  public List<String> entryNames() {
    return entries.stream().map(e -> e.spec().name()).toList();
  }

  /** The exact number of bytes {@link #writeTo} writes. */
  public long length() {
    return length;
  }

  /** Writes the whole archive to {@code out}, which it does not close. */
  public void writeTo(OutputStream out) throws IOException {
    StreamingZipWriter writer = new StreamingZipWriter(out);
    for (Entry entry : entries) {
      try (InputStream in = opener.open(entry)) {
        writer.add(entry.spec(), in);
      }
    }
    writer.finish();
    if (writer.bytesWritten() != length) { // would mean ZipLayout and the writer disagree: a bug
      throw new IllegalStateException("the archive has " + writer.bytesWritten() + " bytes, planned " + length);
    }
  }
}
