package dev.lightbox.server.assets;

import java.util.Locale;

/** The derived images kept per asset. */
public enum RenditionKind {
  THUMBNAIL, PREVIEW;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RenditionKind parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
