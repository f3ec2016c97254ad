package dev.lightbox.server.internal.service;

import dev.lightbox.server.catalog.Asset;
import dev.lightbox.server.catalog.Location;
import dev.lightbox.server.catalog.ObjectKind;

/** One object of an asset as it is served: where it is and what the catalog knows of it. */
public record ServedObject(Asset asset, ObjectKind kind, Location location, String mediaType, long size,
    String sha256, String fileName) {

  /** A strong ETag from the content hash: the same wherever the object is stored. */
  public String etag() {
    return "\"" + sha256 + "\"";
  }

  public static ServedObject of(Asset asset, ObjectKind kind) {
    if (kind == ObjectKind.ORIGINAL) {
      return new ServedObject(asset, kind, asset.originalLocation(), asset.mediaType(), asset.sizeBytes(),
          asset.sha256(), asset.originalName());
    }
    var r = asset.renditions().get(kind.rendition());
    if (r == null) {
      return null;
    }
    String base = asset.originalName();
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    String ext = r.location().key().value().substring(r.location().key().value().lastIndexOf('.') + 1);
    return new ServedObject(asset, kind, r.location(), r.mediaType(), r.sizeBytes(), r.sha256(),
        base + "-" + kind.id() + "." + ext);
  }
}
