package dev.lightbox.media;

/** Camera metadata; any field may be null. */
public record PhotoMetadata(
    String make, String model, String lens, Double latitude, Double longitude, Double altitude, String timeZone) {
}
