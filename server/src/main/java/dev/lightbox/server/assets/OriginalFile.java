package dev.lightbox.server.assets;

import java.time.Instant;

/**
 * What a download of an original needs from its asset row, and no more (no metadata JSON): lean enough
 * to hold for every asset of a large archive.
 */
public record OriginalFile(String assetId, String originalName, long sizeBytes, String sha256, Location location,
    Instant takenAt) {
}
