package dev.lightbox.media;

import dev.lightbox.media.internal.MetadataJson;
import dev.lightbox.media.internal.ai.SidecarAi;
import dev.lightbox.media.internal.meta.MetadataLimits;
import dev.lightbox.media.internal.meta.XmpSidecar;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Metadata files kept next to an image: A1111/Forge {@code name.txt} "parameters" text, {@code name.json}
 * (ComfyUI prompt or workflow, InvokeAI metadata, anything else kept as is) and XMP {@code name.xmp} /
 * {@code name.ext.xmp}. They are read with the same parsers as the metadata inside images (the AI parsers of
 * PNG text chunks, metadata-extractor's XMP reader behind the same size bound), and {@link #merge} adds what
 * they say to an image's catalog JSON where the image itself says nothing.
 */
public final class Sidecars {
  /** The largest sidecar read or kept: the bound on one metadata segment inside an image. */
  public static final int MAX_BYTES = MetadataLimits.SEGMENT;

  /** What kind of sidecar a file is, by its name's extension. */
  public enum Type {
    PARAMETERS("txt", "text/plain; charset=utf-8"), JSON("json", "application/json"),
    XMP("xmp", "application/rdf+xml");

    private final String extension;
    private final String mediaType;

    Type(String extension, String mediaType) {
      this.extension = extension;
      this.mediaType = mediaType;
    }

    /** {@code parameters}, {@code json} or {@code xmp}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String extension() {
      return extension;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  /** What an XMP sidecar says; any field may be null (keywords empty). */
  public record Xmp(Integer rating, String title, String description, List<String> keywords,
      OffsetDateTime captureTime) {
    public Xmp {
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean isEmpty() {
      return rating == null && title == null && description == null && keywords.isEmpty() && captureTime == null;
    }
  }

  /** What one sidecar says: AI metadata or XMP facts (or neither), and what could not be read. */
  public record Facts(Type type, AiMetadata ai, Xmp xmp, List<String> warnings) {
    public Facts {
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  private Sidecars() {
  }

  /** The sidecar type of a file name ({@code .txt}, {@code .json}, {@code .xmp}, any case), or empty. */
  public static Optional<Type> typeOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (Type t : Type.values()) {
      if (lower.endsWith("." + t.extension()) && lower.length() > t.extension().length() + 1) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads one sidecar of at most {@link #MAX_BYTES}. Never throws for bad content: a malformed file gives
   * no facts and a warning. A {@code .txt} is AI metadata only when it has the A1111 settings line.
   */
  public static Facts read(Type type, byte[] bytes) {
    List<String> warnings = new ArrayList<>();
    if (bytes.length > MAX_BYTES) {
      warnings.add("the " + type.id() + " sidecar has " + bytes.length + " bytes, more than " + MAX_BYTES
          + "; it was kept but not read");
      return new Facts(type, null, null, warnings);
    }
    return switch (type) {
      case PARAMETERS -> new Facts(type, SidecarAi.fromParameters(text(bytes), warnings), null, warnings);
      case JSON -> new Facts(type, SidecarAi.fromJson(text(bytes), warnings), null, warnings);
      case XMP -> {
        Xmp xmp = XmpSidecar.read(bytes, warnings);
        yield new Facts(type, null, xmp == null || xmp.isEmpty() ? null : xmp, warnings);
      }
    };
  }

  /**
   * The catalog JSON of an image with what the sidecars say added where the image says nothing: an {@code ai}
   * section (marked {@code "source": "sidecar:<type>"}) when there is none or the one there came from a sidecar
   * of the same type (a replaced {@code .txt} replaces it; the image's own AI metadata always stays), an {@code xmp} section with rating,
   * title, description and keywords (fields already there are kept), and {@code captureTime} when absent.
   * {@code metadataJson} may be null (no metadata read); the answer is never null.
   */
  public static String merge(String metadataJson, List<Facts> facts) {
    return MetadataJson.mergeSidecars(metadataJson, facts);
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
