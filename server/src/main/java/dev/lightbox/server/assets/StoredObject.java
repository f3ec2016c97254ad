package dev.lightbox.server.assets;

/**
 * One stored object of an asset (its original or a rendition) as the catalog records it now.
 *
 * @param version the asset row's version when read: a {@link ObjectRepository#switchLocation switch} must
 *     still find it
 */
public record StoredObject(String assetId, ObjectKind kind, long version, Location location, String sha256,
    long sizeBytes, String mediaType) {

  /** {@code assetId/kind}: the object's identity. */
  public String ref() {
    return ref(assetId, kind);
  }

  public static String ref(String assetId, ObjectKind kind) {
    return assetId + "/" + kind.id();
  }
}
