package dev.lightbox.server.http;

/** Client-supplied file names, reduced to a safe last segment. */
public final class FileNames {
  private FileNames() {
  }

  public static String clean(String name) {
    String n = name;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    StringBuilder sb = new StringBuilder();
    n.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).limit(255).forEach(sb::appendCodePoint);
    String out = sb.toString().trim();
    return out.isEmpty() || out.equals(".") || out.equals("..") ? "upload" : out;
  }
}
