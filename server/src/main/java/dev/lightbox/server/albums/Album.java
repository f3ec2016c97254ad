package dev.lightbox.server.albums;

import java.time.Instant;

/**
 * One album as listed.
 *
 * @param coverAssetId the explicit cover, else the newest asset outside the trash, else null
 * @param assetCount assets outside the trash
 */
public record Album(String id, String ownerId, String name, String coverAssetId, boolean explicitCover,
    long assetCount, Instant createdAt, Instant updatedAt) {
}
