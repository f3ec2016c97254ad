package dev.lightbox.media.internal.meta;

import com.drew.imaging.ImageMetadataReader;
import dev.lightbox.media.AiMetadata;
import dev.lightbox.media.internal.MediaFormat;
import dev.lightbox.media.internal.ai.AiMetadataParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads all metadata of one image file with pure Java: EXIF and container facts (metadata-extractor),
 * PNG text chunks and stealth data, C2PA manifests, and the AI generation metadata they carry. Each part
 * that fails becomes a warning; the others still count.
 */
public final class ImageFactsReader {
  private static final Set<String> AI_TEXT_KEYS = Set.of("prompt", "workflow", "parameters", "invokeai_metadata",
      "sd-metadata", "Dream", "Comment");

  private ImageFactsReader() {
  }

  public static ImageFacts read(Path file, MediaFormat format) {
    return read(file, format, InflateBudget.perFile());
  }

  /** Reads within {@code budget}: every compressed part of the file's metadata inflates into it. */
  public static ImageFacts read(Path file, MediaFormat format, InflateBudget budget) {
    List<String> warnings = new ArrayList<>();
    PhotoFacts facts = PhotoFacts.NONE;
    try {
      MetadataGate.Input input = MetadataGate.open(file, format, budget, warnings);
      if (input != null) {
        try (InputStream in = new BufferedInputStream(input.stream(), 64 * 1024)) {
          facts = PhotoFactsReader.read(ImageMetadataReader.readMetadata(in, input.length()));
        }
      }
    } catch (Exception | StackOverflowError e) {
      warnings.add("EXIF and container metadata could not be read: " + describe(e));
    }
    Map<String, String> texts = new LinkedHashMap<>(facts.aiTexts());
    byte[] c2pa = null;
    try (InputStream in = open(file)) {
      switch (format) {
        case PNG -> {
          PngScan scan = PngChunkReader.read(in, budget);
          warnings.addAll(scan.warnings());
          for (PngText t : scan.texts()) {
            texts.putIfAbsent(t.keyword(), t.text());
          }
          c2pa = scan.c2pa();
          if (facts.width() == 0 && scan.width() > 0) {
            facts = new PhotoFacts(scan.width(), scan.height(), facts.orientation(), facts.captureTime(),
                facts.photo(), facts.aiTexts(), facts.tags());
          }
          if (scan.hasAlpha() && texts.keySet().stream().noneMatch(AI_TEXT_KEYS::contains)) {
            stealth(file, scan, texts, warnings);
          }
        }
        case JPEG -> c2pa = C2paLocator.fromJpeg(in);
        case WEBP -> c2pa = C2paLocator.fromWebp(in);
        default -> {
          // other containers: metadata-extractor covers them
        }
      }
    } catch (IOException | RuntimeException e) {
      warnings.add(format + " structure could not be read: " + describe(e));
    }
    String c2paGenerator = null;
    if (c2pa != null) {
      try {
        c2paGenerator = C2paReader.claimGenerator(c2pa);
      } catch (RuntimeException e) {
        warnings.add("C2PA manifest is present but could not be read: " + describe(e));
      }
    }
    AiMetadata ai;
    try {
      ai = AiMetadataParser.parse(texts, c2pa != null, c2paGenerator, warnings);
    } catch (RuntimeException | StackOverflowError e) {
      warnings.add("AI metadata could not be read: " + describe(e));
      ai = null;
    }
    return new ImageFacts(facts, ai, texts, warnings);
  }

  private static void stealth(Path file, PngScan scan, Map<String, String> texts, List<String> warnings) {
    try {
      String hidden = StealthPngInfo.read(file, scan.width(), scan.height());
      if (hidden != null) {
        texts.put(AiMetadataParser.STEALTH, hidden);
      }
    } catch (IOException | RuntimeException e) {
      warnings.add("stealth PNG info could not be read: " + describe(e));
    }
  }

  private static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return e instanceof StackOverflowError ? "structure nested too deeply"
        : m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
