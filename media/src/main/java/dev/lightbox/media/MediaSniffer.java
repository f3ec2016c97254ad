package dev.lightbox.media;

import dev.lightbox.media.internal.FormatSniffer;
import dev.lightbox.media.internal.MediaFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides what a file is from its first bytes (never from its name): ingest uses it to accept
 * or refuse an upload and the engines use it to pick a decoder, so they cannot disagree.
 */
public final class MediaSniffer {
  /** How many leading bytes {@link #sniff(byte[])} looks at; more are ignored. */
  public static final int HEAD_BYTES = FormatSniffer.HEAD_BYTES;

  private static final List<MediaType> SUPPORTED = Arrays.stream(MediaFormat.values())
      .map(MediaFormat::mediaType).filter(Objects::nonNull).toList();

  private MediaSniffer() {
  }

  /** The type of the file's content, or empty when it is not a format Lightbox accepts. */
  public static Optional<MediaType> sniff(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sniff(in.readNBytes(HEAD_BYTES));
    }
  }

  /** The type the leading bytes of a file show, or empty when they are not a format Lightbox accepts. */
  public static Optional<MediaType> sniff(byte[] head) {
    return Optional.ofNullable(FormatSniffer.sniff(head).mediaType());
  }

  /** The supported type with this media type string, such as an engine's analysis result, or empty. */
  public static Optional<MediaType> supported(String mimeType) {
    return SUPPORTED.stream().filter(t -> t.mimeType().equals(mimeType)).findFirst();
  }

  /** Every type Lightbox accepts. */
  public static List<MediaType> supported() {
    return SUPPORTED;
  }
}
