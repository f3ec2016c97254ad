package dev.lightbox.media.internal.meta;

/** One PNG text chunk (tEXt, zTXt or iTXt), decoded. */
public record PngText(String keyword, String text, String chunkType, boolean afterImageData) {
}
