package dev.lightbox.storage.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.lightbox.storage.TransferProgress;

/** Computes SHA-256 and counts bytes as they stream through, reporting them to a progress listener. */
public final class HashingInputStream extends FilterInputStream {
  private final MessageDigest digest = newSha256();
  private final TransferProgress progress;
  private long count;

  public HashingInputStream(InputStream in, TransferProgress progress) {
    super(in);
    this.progress = progress == null ? TransferProgress.NONE : progress;
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
      progress.onBytes(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      digest.update(buf, off, n);
      count += n;
      progress.onBytes(n);
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("skipping would leave bytes out of the hash");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  public long count() {
    return count;
  }

  /** The lowercase hex SHA-256 of everything read; call once, at the end. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
