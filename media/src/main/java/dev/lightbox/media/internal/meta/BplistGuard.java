package dev.lightbox.media.internal.meta;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * metadata-extractor (2.19 to 2.21 at least) loops for ever on an Apple maker-note binary plist whose
 * trailer declares offsets neither 1 nor 2 bytes wide and a huge object count: a fuzzed 2.6 KB iPhone JPEG
 * hung it. Lightbox reads nothing from those plists, so the parser gets a copy of the file's head in which
 * every {@code bplist00} signature is defaced; it then records "not a bplist" and carries on.
 */
final class BplistGuard {
  /** Maker notes sit near the start of every container Lightbox reads (JPEG APP1, HEIC and WebP Exif). */
  static final int HEAD_BYTES = 32 << 20;
  private static final byte[] MAGIC = {'b', 'p', 'l', 'i', 's', 't', '0', '0'};

  private BplistGuard() {
  }

  static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      byte[] head = in.readNBytes(HEAD_BYTES);
      deface(head);
      return new SequenceInputStream(new ByteArrayInputStream(head), in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Replaces the first byte of every binary-plist signature in {@code data}; returns how many. */
  static int deface(byte[] data) {
    int count = 0;
    outer:
    for (int i = 0; i + MAGIC.length <= data.length; i++) {
      for (int j = 0; j < MAGIC.length; j++) {
        if (data[i + j] != MAGIC[j]) {
          continue outer;
        }
      }
      data[i] = 'x';
      count++;
    }
    return count;
  }
}
