package dev.lightbox.server.downloads.internal;

import static dev.lightbox.server.downloads.internal.ZipLayout.MAGIC16;
import static dev.lightbox.server.downloads.internal.ZipLayout.MAGIC32;
import static dev.lightbox.server.downloads.internal.ZipLayout.large;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a ZIP archive front to back without seeking, one STORED entry at a time, in the layout of
 * {@link ZipLayout}: nothing is compressed, the CRC-32 is computed while the bytes pass, and memory is one
 * copy buffer plus a few dozen bytes per entry for the central directory. Not thread-safe. Closing it does
 * not close the output; {@link #finish} writes the central directory.
 */
public final class StreamingZipWriter {
  private static final int BUFFER = 64 * 1024;

  private record Written(byte[] name, long size, long offset, int crc, long epochSecond) {
  }

  private final OutputStream out;
  private final List<Written> written = new ArrayList<>();
  private final byte[] buffer = new byte[BUFFER];
  private long offset;
  private boolean finished;

  public StreamingZipWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  public long bytesWritten() {
    return offset;
  }

  /**
   * Writes one entry whose bytes are exactly {@code spec.size()} bytes of {@code data}; fails when it holds
   * fewer or more (the archive is then unusable and the caller must abandon it).
   */
  public void add(ZipEntrySpec spec, InputStream data) throws IOException {
    if (finished) {
      throw new IllegalStateException("the archive is finished");
    }
    byte[] name = spec.nameBytes();
    long entryOffset = offset;
    writeLocalHeader(name, spec);
    CRC32 crc = new CRC32();
    long remaining = spec.size();
    while (remaining > 0) {
      int n = data.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new IOException("entry " + spec.name() + " ended " + remaining + " bytes before its " + spec.size()
            + " bytes");
      }
      crc.update(buffer, 0, n);
      out.write(buffer, 0, n);
      remaining -= n;
      offset += n;
    }
    if (data.read() >= 0) {
      throw new IOException("entry " + spec.name() + " holds more than its " + spec.size() + " bytes");
    }
    int value = (int) crc.getValue();
    writeDescriptor(value, spec.size());
    written.add(new Written(name, spec.size(), entryOffset, value, spec.modifiedEpochSecond()));
  }

  /** Writes the central directory and the end records. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    long centralOffset = offset;
    for (Written w : written) {
      writeCentral(w);
    }
    long centralSize = offset - centralOffset;
    long entries = written.size();
    if (ZipLayout.zip64End(entries, centralSize, centralOffset)) {
      long zip64EndOffset = offset;
      ByteBuffer b = header(ZipLayout.ZIP64_END_SIZE + ZipLayout.ZIP64_LOCATOR_SIZE);
      b.putInt(ZipLayout.ZIP64_END_SIG).putLong(ZipLayout.ZIP64_END_SIZE - 12)
          .putShort((short) ZipLayout.VERSION_MADE_BY).putShort((short) ZipLayout.VERSION_ZIP64)
          .putInt(0).putInt(0).putLong(entries).putLong(entries).putLong(centralSize).putLong(centralOffset);
      b.putInt(ZipLayout.ZIP64_LOCATOR_SIG).putInt(0).putLong(zip64EndOffset).putInt(1);
      emit(b);
    }
    ByteBuffer end = header(ZipLayout.END_SIZE);
    short count = (short) Math.min(entries, MAGIC16);
    end.putInt(ZipLayout.END_SIG).putShort((short) 0).putShort((short) 0).putShort(count).putShort(count)
        .putInt((int) Math.min(centralSize, MAGIC32)).putInt((int) Math.min(centralOffset, MAGIC32))
        .putShort((short) 0);
    emit(end);
    out.flush();
  }

  private void writeLocalHeader(byte[] name, ZipEntrySpec spec) throws IOException {
    long size = spec.size();
    boolean large = large(size);
    boolean time = ZipLayout.hasTime(spec.modifiedEpochSecond());
    int extra = (large ? 20 : 0) + (time ? ZipLayout.TIME_EXTRA : 0);
    ByteBuffer b = header(ZipLayout.LOCAL_FIXED + name.length + extra);
    b.putInt(ZipLayout.LOCAL_SIG).putShort((short) (large ? ZipLayout.VERSION_ZIP64 : ZipLayout.VERSION_PLAIN))
        .putShort((short) ZipLayout.FLAGS).putShort((short) 0).putInt(ZipLayout.dosDateTime(spec.modifiedEpochSecond()))
        .putInt(0) // CRC-32: in the data descriptor
        .putInt((int) (large ? MAGIC32 : size)).putInt((int) (large ? MAGIC32 : size))
        .putShort((short) name.length).putShort((short) extra).put(name);
    if (large) {
      b.putShort((short) 0x0001).putShort((short) 16).putLong(size).putLong(size);
    }
    if (time) {
      b.putShort((short) 0x5455).putShort((short) 5).put((byte) 1).putInt((int) spec.modifiedEpochSecond());
    }
    emit(b);
  }

  private void writeDescriptor(int crc, long size) throws IOException {
    ByteBuffer b = header(ZipLayout.descriptorSize(size));
    b.putInt(ZipLayout.DESCRIPTOR_SIG).putInt(crc);
    if (large(size)) {
      b.putLong(size).putLong(size);
    } else {
      b.putInt((int) size).putInt((int) size);
    }
    emit(b);
  }

  private void writeCentral(Written w) throws IOException {
    boolean large = large(w.size());
    boolean farOffset = w.offset() >= MAGIC32;
    boolean time = ZipLayout.hasTime(w.epochSecond());
    int zip64 = ZipLayout.centralZip64Extra(w.size(), w.offset());
    int extra = zip64 + (time ? 9 : 0);
    ByteBuffer b = header(ZipLayout.CENTRAL_FIXED + w.name().length + extra);
    b.putInt(ZipLayout.CENTRAL_SIG).putShort((short) ZipLayout.VERSION_MADE_BY)
        .putShort((short) (large || farOffset ? ZipLayout.VERSION_ZIP64 : ZipLayout.VERSION_PLAIN))
        .putShort((short) ZipLayout.FLAGS).putShort((short) 0).putInt(ZipLayout.dosDateTime(w.epochSecond()))
        .putInt(w.crc()).putInt((int) (large ? MAGIC32 : w.size())).putInt((int) (large ? MAGIC32 : w.size()))
        .putShort((short) w.name().length).putShort((short) extra).putShort((short) 0) // no comment
        .putShort((short) 0).putShort((short) 0).putInt(ZipLayout.EXTERNAL_ATTRIBUTES)
        .putInt((int) (farOffset ? MAGIC32 : w.offset())).put(w.name());
    if (zip64 > 0) {
      b.putShort((short) 0x0001).putShort((short) (zip64 - 4));
      if (large) {
        b.putLong(w.size()).putLong(w.size());
      }
      if (farOffset) {
        b.putLong(w.offset());
      }
    }
    if (time) {
      b.putShort((short) 0x5455).putShort((short) 5).put((byte) 1).putInt((int) w.epochSecond());
    }
    emit(b);
  }

  private static ByteBuffer header(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void emit(ByteBuffer b) throws IOException {
    if (b.hasRemaining()) {
      throw new IllegalStateException("a ZIP record was sized wrongly: " + b.remaining() + " bytes left");
    }
    out.write(b.array(), 0, b.capacity());
    offset += b.capacity();
  }
}
