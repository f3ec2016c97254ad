package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every image engine must do with the corpus; run once per engine by the subclasses. */
abstract class RenditionContract {
  @TempDir
  Path tmp;
  MediaProcessor media;

  abstract boolean preferLibvips();

  /** Formats this engine cannot decode (they must fail with UNSUPPORTED_FORMAT). */
  abstract List<String> unsupported();

  @BeforeEach
  void open() {
    media = MediaProcessors.create(new MediaConfig(tmp.resolve("work"), preferLibvips(), 200_000_000L,
        Duration.ofSeconds(60)));
  }

  @AfterEach
  void closeAndCheckNoTempFiles() throws IOException {
    media.close();
    if (Files.isDirectory(tmp.resolve("work"))) {
      try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
        assertThat(left).as("temp files left behind").isEmpty();
      }
    }
    try (Stream<Path> out = Files.list(tmp)) {
      assertThat(out.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp."));
    }
  }

  static List<String> goodImages() {
    return Stream.concat(Corpus.under("photo").stream(), Corpus.under("ai").stream())
        .filter(f -> !f.equals("photo/exiftool_QuickTime_min.heic")).toList();
  }

  @ParameterizedTest
  @MethodSource("goodImages")
  void thumbnailAndPreviewFitTheirBoxUpright(String file) {
    if (unsupported().stream().anyMatch(file::endsWith)) {
      assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(MediaException.class,
          () -> media.render(Corpus.file(file), file, RenditionSpec.THUMBNAIL, tmp.resolve("t.webp"))).kind())
          .isEqualTo(MediaException.Kind.UNSUPPORTED_FORMAT);
      return;
    }
    MediaAnalysis a = media.analyze(Corpus.file(file), file);
    for (RenditionSpec spec : List.of(RenditionSpec.THUMBNAIL, RenditionSpec.PREVIEW)) {
      Path out = tmp.resolve("r." + spec.format().extension());
      Rendition r = media.render(Corpus.file(file), file, spec, out);
      BufferedImage img = Pixels.decode(out);
      assertThat(img.getWidth()).isEqualTo(r.width());
      assertThat(img.getHeight()).isEqualTo(r.height());
      assertThat(Math.max(r.width(), r.height())).isLessThanOrEqualTo(spec.maxSize());
      double scale = Math.min(1.0, (double) spec.maxSize() / Math.max(a.width(), a.height()));
      assertThat(r.width()).as(file + " width").isCloseTo((int) Math.round(a.width() * scale),
          org.assertj.core.data.Offset.offset(1));
      assertThat(r.height()).as(file + " height").isCloseTo((int) Math.round(a.height() * scale),
          org.assertj.core.data.Offset.offset(1));
      assertThat(r.sizeBytes()).isEqualTo(sizeOf(out));
      assertThat(img.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
    }
  }

  @Test
  void exifOrientationIsApplied() {
    BufferedImage reference = thumb("photo/orient_Landscape_0_notag.jpg");
    for (String f : List.of("photo/orient_Landscape_3.jpg", "photo/orient_Landscape_6.jpg",
        "photo/orient_Landscape_8.jpg")) {
      BufferedImage t = thumb(f);
      assertThat(t.getWidth()).isEqualTo(reference.getWidth());
      double upright = Pixels.meanDiff(t, reference);
      double flipped = Pixels.meanDiff(t, Pixels.rotate180(reference));
      assertThat(upright).as(f + " differs from the upright reference").isLessThan(12);
      assertThat(flipped).as(f).isGreaterThan(upright * 3);
    }
    BufferedImage mirrored = thumb("photo/orient_Portrait_2.jpg");
    BufferedImage raw = Pixels.resize(Pixels.decode(Corpus.file("photo/orient_Portrait_2.jpg")),
        mirrored.getWidth(), mirrored.getHeight());
    assertThat(Pixels.meanDiff(mirrored, Pixels.mirror(raw))).isLessThan(12);
    assertThat(Pixels.meanDiff(mirrored, raw)).isGreaterThan(Pixels.meanDiff(mirrored, Pixels.mirror(raw)) * 2);
  }

  @Test
  void portraitPhotoWithOrientation6BecomesLandscape() {
    BufferedImage t = thumb("photo/immich_portrait-orientation-6.jpg");
    assertThat(t.getWidth()).isEqualTo(250);
    assertThat(t.getHeight()).isEqualTo(208);
  }

  @Test
  void firstPageOfMultiPageTiff() {
    BufferedImage t = thumb("photo/multipage_g4.tif");
    assertThat(t.getWidth()).isEqualTo(189);
    assertThat(t.getHeight()).isEqualTo(250);
  }

  @Test
  void renditionReplacesAnExistingFile() throws IOException {
    Path out = tmp.resolve("existing.webp");
    Files.writeString(out, "old");
    media.render(Corpus.file("photo/immich_denali.webp"), "denali.webp", RenditionSpec.THUMBNAIL, out);
    assertThat(Pixels.decode(out).getWidth()).isEqualTo(250);
  }

  BufferedImage thumb(String file) {
    Path out = tmp.resolve(file.replace('/', '_') + ".webp");
    media.render(Corpus.file(file), file, RenditionSpec.THUMBNAIL, out);
    return Pixels.decode(out);
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
