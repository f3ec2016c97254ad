package dev.lightbox.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Small SHA-256 helpers. */
public final class Sha256 {
  private Sha256() {
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(HashingInputStream.newSha256().digest(data));
  }

  /** Reads {@code in} to its end and returns its SHA-256 in hex; does not close it. */
  public static String hex(InputStream in) {
    MessageDigest digest = HashingInputStream.newSha256();
    byte[] buf = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static boolean isHex(String s) {
    return s != null && s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
