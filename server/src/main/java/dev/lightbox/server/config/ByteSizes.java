package dev.lightbox.server.config;

import java.util.Locale;

/** Parses sizes such as {@code 1048576}, {@code 500MB} or {@code 4GB} (binary multiples). */
final class ByteSizes {
  private ByteSizes() {
  }

  /** The size in bytes, or -1 when {@code text} is not a size. */
  static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
    long multiplier = 1;
    for (String[] unit : new String[][] {{"KB", "10"}, {"MB", "20"}, {"GB", "30"}, {"K", "10"}, {"M", "20"},
        {"G", "30"}, {"B", "0"}}) {
      if (t.endsWith(unit[0])) {
        multiplier = 1L << Integer.parseInt(unit[1]);
        t = t.substring(0, t.length() - unit[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(t);
      return n <= 0 || n > Long.MAX_VALUE / multiplier ? -1 : n * multiplier;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
