package dev.lightbox.media.internal;

import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import dev.lightbox.media.internal.meta.ImageFacts;
import dev.lightbox.media.internal.meta.ImageFactsReader;
import dev.lightbox.media.internal.video.VideoInfo;
import dev.lightbox.media.internal.video.VideoTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@link dev.lightbox.media.MediaProcessor}: sniffs the format, then reads metadata and renders. */
public final class DefaultMediaProcessor implements dev.lightbox.media.MediaProcessor {
  private final MediaConfig config;
  private final ImageEngine images;
  private final VideoTools video;
  private final TempFiles temp;

  public DefaultMediaProcessor(MediaConfig config, ImageEngine images, VideoTools video) {
    this.config = config;
    this.images = images;
    this.video = video;
    this.temp = new TempFiles(config.tempDir());
  }

  @Override
  public MediaAnalysis analyze(Path file, String fileName) {
    MediaFormat format = sniff(file, fileName);
    if (format.kind() == MediaAnalysis.Kind.VIDEO) {
      VideoInfo v = video.probe(file, fileName);
      String json = new MetadataJson(format, v.displayWidth(), v.displayHeight(), 1)
          .video(v.duration(), v.rotation(), v.codec()).build(List.of());
      return new MediaAnalysis(MediaAnalysis.Kind.VIDEO, format.mimeType(), v.displayWidth(), v.displayHeight(), 1,
          null, v.duration(), null, null, json, List.of());
    }
    ImageFacts facts = ImageFactsReader.read(file, format);
    List<String> warnings = new ArrayList<>(facts.warnings());
    int w = facts.photo().width();
    int h = facts.photo().height();
    if (w <= 0 || h <= 0) {
      try {
        int[] size = images.header(file, fileName);
        w = size[0];
        h = size[1];
      } catch (MediaException e) {
        if (e.kind() == MediaException.Kind.CORRUPT) {
          throw e;
        }
        warnings.add("dimensions unknown: " + e.getMessage());
        w = 0;
        h = 0;
      }
    }
    int orientation = facts.photo().orientation();
    boolean swap = orientation >= 5;
    int dw = swap ? h : w;
    int dh = swap ? w : h;
    var photo = facts.photo();
    String json = new MetadataJson(format, dw, dh, orientation)
        .captureTime(photo.captureTime(), photo.photo() == null ? null : photo.photo().timeZone())
        .photo(photo.photo()).ai(facts.ai()).texts(facts.texts()).tags(photo.tags()).build(warnings);
    return new MediaAnalysis(MediaAnalysis.Kind.IMAGE, format.mimeType(), dw, dh, orientation,
        photo.captureTime(), null, photo.photo(), facts.ai(), json, warnings);
  }

  @Override
  public Rendition render(Path file, String fileName, RenditionSpec spec, Path output) {
    MediaFormat format = sniff(file, fileName);
    Path out = temp.sibling(output, spec.format().extension());
    try {
      int[] size;
      if (format.kind() == MediaAnalysis.Kind.VIDEO) {
        VideoInfo info = video.probe(file, fileName);
        Path poster = temp.create("poster-", ".png");
        try {
          video.poster(file, fileName, info, poster);
          size = images.render(poster, fileName, spec, out);
        } finally {
          temp.delete(poster);
        }
      } else {
        checkDeclaredSize(file, fileName, format);
        size = images.render(file, fileName, spec, out);
      }
      temp.moveInto(out, output);
      return new Rendition(spec, output, size[0], size[1], Files.size(output));
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.INTERNAL, fileName, "could not write the rendition to "
          + output + " (" + e.getMessage() + ")", e);
    } finally {
      temp.delete(out);
    }
  }

  /** Refuses images that declare more pixels than allowed, from the header alone, before any decoding. */
  private void checkDeclaredSize(Path file, String fileName, MediaFormat format) throws IOException {
    int[] size;
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(file), 8192)) {
      size = HeaderSize.read(format, in);
    }
    if (size == null) {
      size = images.header(file, fileName);
    }
    long pixels = (long) size[0] * size[1];
    if (pixels > config.maxPixels()) {
      throw new MediaException(MediaException.Kind.TOO_LARGE, fileName, "declares " + size[0] + "x" + size[1]
          + " = " + pixels + " pixels, more than the limit of " + config.maxPixels()
          + " (MediaConfig.maxPixels); it was not decoded");
    }
  }

  private MediaFormat sniff(Path file, String fileName) {
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(FormatSniffer.HEAD_BYTES);
    } catch (IOException e) {
      throw new MediaException(MediaException.Kind.INTERNAL, fileName, "could not read the file (" + e + ")", e);
    }
    if (head.length == 0) {
      throw new MediaException(MediaException.Kind.CORRUPT, fileName, "the file is empty (0 bytes)");
    }
    MediaFormat format = FormatSniffer.sniff(head);
    if (format == MediaFormat.UNKNOWN) {
      throw new MediaException(MediaException.Kind.UNSUPPORTED_FORMAT, fileName, "not a supported image or "
          + "video; Lightbox reads JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF, AVIF, MP4, MOV, WebM and MKV");
    }
    return format;
  }

  @Override
  public String engine() {
    return images.name();
  }

  @Override
  public boolean videoSupported() {
    return video.available();
  }

  @Override
  public void close() {
    images.close();
  }
}
