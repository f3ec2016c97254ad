package dev.lightbox.server.serving;

import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;

/**
 * One object of an asset as it is served: where it is and what the catalog knows of it, with the values
 * every answer about it repeats computed once.
 *
 * @param etag a strong ETag from the content hash: the same wherever the object is stored
 * @param inlineDisposition the Content-Disposition of a plain GET
 */
public record ServedObject(Asset asset, ObjectKind kind, Location location, String mediaType, long size,
    String sha256, String fileName, String etag, String inlineDisposition) {

  /** The Content-Disposition: {@code attachment} for a download, else inline. */
  public String disposition(boolean download) {
    return download ? ContentDisposition.of("attachment", fileName) : inlineDisposition;
  }

  /** Where the object of this kind is stored, or null when the asset has none (no such rendition). */
  static Location locationOf(Asset asset, ObjectKind kind) {
    if (kind == ObjectKind.ORIGINAL) {
      return asset.originalLocation();
    }
    var r = asset.renditions().get(kind.rendition());
    return r == null ? null : r.location();
  }

  /** The object of this kind, or null when the asset has none. */
  static ServedObject of(Asset asset, ObjectKind kind) {
    if (kind == ObjectKind.ORIGINAL) {
      return of(asset, kind, asset.originalLocation(), asset.mediaType(), asset.sizeBytes(), asset.sha256(),
          asset.originalName());
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
    return of(asset, kind, r.location(), r.mediaType(), r.sizeBytes(), r.sha256(), base + "-" + kind.id() + "." + ext);
  }

  private static ServedObject of(Asset asset, ObjectKind kind, Location location, String mediaType, long size,
      String sha256, String fileName) {
    return new ServedObject(asset, kind, location, mediaType, size, sha256, fileName, "\"" + sha256 + "\"",
        ContentDisposition.of("inline", fileName));
  }
}
