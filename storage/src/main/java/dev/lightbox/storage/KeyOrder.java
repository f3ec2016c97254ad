package dev.lightbox.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys sort by their UTF-8 bytes, unsigned, as S3 lists them; every backend lists in this order. */
public final class KeyOrder {
  private KeyOrder() {
  }

  public static int compare(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
