package dev.lightbox.server.assets;

/** How many objects, and how many bytes, the catalog records somewhere. */
public record ObjectTotals(long objects, long bytes) {
  public static final ObjectTotals NONE = new ObjectTotals(0, 0);
}
