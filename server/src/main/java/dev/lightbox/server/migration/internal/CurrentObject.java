package dev.lightbox.server.migration.internal;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.server.catalog.ObjectKind;

/** What the catalog says about one object right now, with the row version a switch must still find. */
public record CurrentObject(String assetId, ObjectKind kind, long version, Location location, String sha256,
    long size, String mediaType) {

  public String ref() {
    return assetId + "/" + kind.id();
  }
}
