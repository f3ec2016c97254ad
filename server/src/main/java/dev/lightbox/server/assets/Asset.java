package dev.lightbox.server.assets;

import java.time.Instant;
import java.util.Map;

/**
 * One catalog row with its renditions.
 *
 * @param captureTime when the photo was taken (ISO-8601 with offset when known), or null
 * @param takenAt capture time or, without one, upload time: what lists sort and filter by
 * @param version goes up on every change; see {@link ObjectRepository#switchLocation}
 * @param offline the original is in a library in place and missing there (served as 410 until it is back)
 * @param marks the owner's favourite, rating, tags and trash state
 */
public record Asset(
    String id,
    String ownerId,
    String sha256,
    long sizeBytes,
    String mediaType,
    String originalName,
    Location originalLocation,
    Integer width,
    Integer height,
    String captureTime,
    Instant takenAt,
    Integer orientation,
    String aiPrompt,
    String metadataJson,
    Instant createdAt,
    Instant updatedAt,
    long version,
    Map<RenditionKind, StoredRendition> renditions,
    boolean offline,
    AssetMarks marks) {

  public Asset {
    renditions = renditions == null ? Map.of() : Map.copyOf(renditions);
    marks = marks == null ? AssetMarks.NONE : marks;
  }

  /** A new asset: online, not a favourite, unrated, untagged, not in the trash. */
  public Asset(String id, String ownerId, String sha256, long sizeBytes, String mediaType, String originalName,
      Location originalLocation, Integer width, Integer height, String captureTime, Instant takenAt,
      Integer orientation, String aiPrompt, String metadataJson, Instant createdAt, Instant updatedAt, long version,
      Map<RenditionKind, StoredRendition> renditions) {
    this(id, ownerId, sha256, sizeBytes, mediaType, originalName, originalLocation, width, height, captureTime,
        takenAt, orientation, aiPrompt, metadataJson, createdAt, updatedAt, version, renditions, false,
        AssetMarks.NONE);
  }

  /** An asset without marks, online or not. */
  public Asset(String id, String ownerId, String sha256, long sizeBytes, String mediaType, String originalName,
      Location originalLocation, Integer width, Integer height, String captureTime, Instant takenAt,
      Integer orientation, String aiPrompt, String metadataJson, Instant createdAt, Instant updatedAt, long version,
      Map<RenditionKind, StoredRendition> renditions, boolean offline) {
    this(id, ownerId, sha256, sizeBytes, mediaType, originalName, originalLocation, width, height, captureTime,
        takenAt, orientation, aiPrompt, metadataJson, createdAt, updatedAt, version, renditions, offline,
        AssetMarks.NONE);
  }

  /** An online asset with marks. */
  public Asset(String id, String ownerId, String sha256, long sizeBytes, String mediaType, String originalName,
      Location originalLocation, Integer width, Integer height, String captureTime, Instant takenAt,
      Integer orientation, String aiPrompt, String metadataJson, Instant createdAt, Instant updatedAt, long version,
      Map<RenditionKind, StoredRendition> renditions, AssetMarks marks) {
    this(id, ownerId, sha256, sizeBytes, mediaType, originalName, originalLocation, width, height, captureTime,
        takenAt, orientation, aiPrompt, metadataJson, createdAt, updatedAt, version, renditions, false, marks);
  }

  public boolean trashed() {
    return marks.trashedAt() != null;
  }

  public Asset withRenditions(Map<RenditionKind, StoredRendition> r) {
    return new Asset(id, ownerId, sha256, sizeBytes, mediaType, originalName, originalLocation, width, height,
        captureTime, takenAt, orientation, aiPrompt, metadataJson, createdAt, updatedAt, version, r, offline, marks);
  }

  public Asset withMarks(AssetMarks m) {
    return new Asset(id, ownerId, sha256, sizeBytes, mediaType, originalName, originalLocation, width, height,
        captureTime, takenAt, orientation, aiPrompt, metadataJson, createdAt, updatedAt, version, renditions, offline,
        m);
  }
}
