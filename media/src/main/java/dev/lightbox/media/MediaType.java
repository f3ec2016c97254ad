package dev.lightbox.media;

/**
 * A file format Lightbox accepts, as its first bytes show it.
 *
 * @param mimeType the IANA media type, such as {@code image/heic}
 * @param kind image or video
 * @param extension the file extension for stored originals, without the dot, such as {@code heic}
 */
public record MediaType(String mimeType, MediaAnalysis.Kind kind, String extension) {
}
