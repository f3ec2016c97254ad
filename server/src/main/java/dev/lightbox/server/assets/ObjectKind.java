package dev.lightbox.server.assets;

import java.util.Locale;

/** The stored objects of one asset: its original and its renditions. */
public enum ObjectKind {
  ORIGINAL(null), THUMBNAIL(RenditionKind.THUMBNAIL), PREVIEW(RenditionKind.PREVIEW);

  private final RenditionKind rendition;

  ObjectKind(RenditionKind rendition) {
    this.rendition = rendition;
  }

  /** The rendition kind, or null for the original. */
  public RenditionKind rendition() {
    return rendition;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind for a path segment such as {@code thumbnail}, or null when there is none. */
  public static ObjectKind fromId(String id) {
    for (ObjectKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    return null;
  }
}
