package dev.lightbox.server.assets;

/** A rendition of an asset as the catalog records it. */
public record StoredRendition(
    RenditionKind kind, Location location, String mediaType, int width, int height, long sizeBytes, String sha256) {
}
