package dev.lightbox.server.testing;

import dev.lightbox.media.AiMetadata;
import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the media module in server tests: "renders" a rendition as a deterministic slice of the
 * input with a label, reads an AI prompt from a PNG tEXt "parameters" chunk's first line, and refuses
 * files whose name contains "unrenderable". The real engine has its own tests in the media module.
 */
public final class StubMediaProcessor implements MediaProcessor {
  public static final OffsetDateTime CAPTURE = OffsetDateTime.parse("2021-06-15T10:30:00+02:00");

  @Override
  public MediaAnalysis analyze(Path file, String fileName) {
    String prompt = fileName.contains("prompt-") ? fileName.substring(fileName.indexOf("prompt-") + 7) : null;
    AiMetadata ai = prompt == null ? null : new AiMetadata("stub", prompt, null, null, null, null, null, null,
        null, null, null, Map.of(), false, null);
    OffsetDateTime capture = fileName.contains("captured") ? CAPTURE : null;
    return new MediaAnalysis(fileName.endsWith(".webm") ? MediaAnalysis.Kind.VIDEO : MediaAnalysis.Kind.IMAGE,
        "unknown/from-stub", 640, 480, 1, capture, null, null, ai, "{\"stub\":true,\"name\":\"" + fileName.length()
            + "\"}", List.of());
  }

  @Override
  public Rendition render(Path file, String fileName, RenditionSpec spec, Path output) {
    if (fileName.contains("unrenderable")) {
      throw new MediaException(MediaException.Kind.CORRUPT, fileName, "stub refuses this file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(spec.kind() == RenditionSpec.Kind.THUMBNAIL ? 3_000 : 20_000);
      byte[] label = (spec.kind().name() + ":").getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[label.length + head.length];
      System.arraycopy(label, 0, out, 0, label.length);
      System.arraycopy(head, 0, out, label.length, head.length);
      Files.write(output, out);
      return new Rendition(spec, output, spec.maxSize(), spec.maxSize() * 3 / 4, out.length);
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.INTERNAL, fileName, e.getMessage(), e);
    }
  }

  @Override
  public String engine() {
    return "stub";
  }

  @Override
  public boolean videoSupported() {
    return true;
  }

  @Override
  public void close() {
  }
}
