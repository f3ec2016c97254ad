package dev.lightbox.server.assets;

import java.time.Instant;

/**
 * A metadata file kept with an asset ({@code .txt} generation parameters, {@code .json}, {@code .xmp}).
 *
 * @param name the file's name as the client sent it; unique per asset
 * @param type {@code parameters}, {@code json} or {@code xmp} (see {@link dev.lightbox.media.Sidecars.Type})
 */
public record Sidecar(String assetId, String name, String type, Location location, String mediaType,
    long sizeBytes, String sha256, Instant createdAt) {
}
