package dev.lightbox.server.http;

/**
 * Client-supplied file names, reduced to a safe last segment: the one sanitiser for names that are stored
 * (at upload) and names that are sent back (Content-Disposition). It drops control characters and
 * invisible format characters, among them the bidirectional overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069, U+200E, U+200F, U+061C) with which {@code photo<U+202E>gnp.exe} would display as
 * {@code photoexe.png}, and keeps the zero-width joiners that emoji and some scripts need.
 */
public final class FileNames {
  private static final int MAX_CODE_POINTS = 255;

  private FileNames() {
  }

  public static String clean(String name) {
    String n = name == null ? "" : name;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    StringBuilder sb = new StringBuilder();
    n.codePoints().filter(FileNames::kept).limit(MAX_CODE_POINTS).forEach(sb::appendCodePoint);
    String out = sb.toString().trim();
    return out.isEmpty() || out.equals(".") || out.equals("..") ? "upload" : out;
  }

  /** Whether a character may stay in a file name. */
  static boolean kept(int cp) {
    if (cp == 0x200C || cp == 0x200D) { // zero-width non-joiner and joiner: needed by emoji and some scripts
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
