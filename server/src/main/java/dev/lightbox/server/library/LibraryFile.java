package dev.lightbox.server.library;

/**
 * What the catalogue knows of one file of a library (a row of {@code library_files}).
 *
 * @param modifiedAt the file's modification time (disk) or last-modified (S3), epoch millis
 * @param etag the object's ETag (S3), or null on disk
 * @param assetId the asset whose original this file is (ownsAsset), or the owner's existing asset with the same
 *     SHA-256 it was linked to; null for skipped files and manifests
 * @param state {@link #ONLINE}, {@link #OFFLINE}, {@link #SKIPPED} or {@link #MANIFEST}
 */
public record LibraryFile(String libraryId, String path, long sizeBytes, long modifiedAt, String etag, String sha256,
    String assetId, boolean ownsAsset, String state, String skipReason, long seenAt) {
  public static final String ONLINE = "online";
  public static final String OFFLINE = "offline";
  public static final String SKIPPED = "skipped";
  /** A provenance manifest (genblaze) attached to the asset it describes. */
  public static final String MANIFEST = "manifest";

  /** Same size and version as the listing says: nothing to read again. */
  public boolean unchanged(long size, long modified, String newEtag) {
    if (size != sizeBytes) {
      return false;
    }
    if (etag != null && newEtag != null) {
      return etag.equals(newEtag);
    }
    return modified == modifiedAt;
  }
}
