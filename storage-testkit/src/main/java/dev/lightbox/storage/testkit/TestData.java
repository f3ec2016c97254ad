package dev.lightbox.storage.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.internal.Sha256;

/** Deterministic test content and helpers for reading it back. */
public final class TestData {
  public static final int MIB = 1024 * 1024;

  private TestData() {
  }

  public static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  public static String sha256(byte[] data) {
    return Sha256.hex(data);
  }

  public static byte[] readAll(BlobStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stream that hides its length: {@code available()} says 0 and reads come in small uneven chunks. */
  public static InputStream unknownLength(byte[] data) {
    return new InputStream() {
      private final ByteArrayInputStream in = new ByteArrayInputStream(data);
      private int calls;

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        int chunk = Math.min(len, 1 + (calls++ * 7919) % 65536);
        return in.read(b, off, chunk);
      }

      @Override
      public int available() {
        return 0;
      }
    };
  }

  /** A stream of {@code size} pseudo-random bytes generated on the fly, for objects too big to hold. */
  public static InputStream generated(long size, long seed) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private long remaining = size;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (remaining <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
      }
    };
  }

  public static String sha256Of(InputStream in) {
    return Sha256.hex(in);
  }
}
