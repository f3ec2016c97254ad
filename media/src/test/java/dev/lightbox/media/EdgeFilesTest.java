package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken files give a clear per-file error or warnings: no crash, no hang, no temp files. */
class EdgeFilesTest {
  @TempDir
  Path tmp;

  MediaProcessor open(boolean libvips, long maxPixels, Duration timeout) {
    return MediaProcessors.create(new MediaConfig(tmp.resolve("work"), libvips, maxPixels, timeout));
  }

  @AfterEach
  void noTempFilesLeft() throws Exception {
    Path work = tmp.resolve("work");
    for (int i = 0; i < 100 && Files.isDirectory(work) && count(work) > 0; i++) {
      Thread.sleep(100); // an abandoned native job removes its own output when it ends
    }
    if (Files.isDirectory(work)) {
      assertThat(count(work)).as("temp files left").isZero();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp."));
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  MediaException failure(MediaProcessor m, String file, boolean render) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> catchThrowableOfType(MediaException.class,
        () -> {
          if (render) {
            m.render(Corpus.file(file), file, RenditionSpec.THUMBNAIL, tmp.resolve("out.webp"));
          } else {
            m.analyze(Corpus.file(file), file);
          }
        }));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void brokenImagesFailPerFileWithAKind(boolean libvips) {
    try (MediaProcessor m = open(libvips, 200_000_000L, Duration.ofSeconds(30))) {
      MediaException empty = failure(m, "edge/zero_bytes.png", false);
      assertThat(empty.kind()).isEqualTo(MediaException.Kind.CORRUPT);
      assertThat(empty.getMessage()).contains("edge/zero_bytes.png").contains("empty");
      assertThat(failure(m, "edge/nonsense.bin", false).kind()).isEqualTo(MediaException.Kind.UNSUPPORTED_FORMAT);
      assertThat(failure(m, "edge/nonsense.bin", true).kind()).isEqualTo(MediaException.Kind.UNSUPPORTED_FORMAT);
      MediaAnalysis truncated = m.analyze(Corpus.file("edge/truncated_1024.jpg"), "truncated.jpg");
      assertThat(truncated.width()).isEqualTo(1024);
      MediaException bad = failure(m, "edge/truncated_1024.jpg", true);
      assertThat(bad.kind()).isEqualTo(MediaException.Kind.CORRUPT);
      assertThat(bad.isRetryable()).isFalse();
      assertThat(bad.getMessage()).contains("edge/truncated_1024.jpg");
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void oddButValidImagesStillRender(boolean libvips) {
    try (MediaProcessor m = open(libvips, 200_000_000L, Duration.ofSeconds(30))) {
      for (String f : new String[] {"edge/invalid-iCCP-missing-adler32.png", "edge/exiftool_Writer_noAPP.jpg",
          "edge/empty_image_1x1.jpg", "edge/ai_metadata_stripped.jpg", "edge/text_after_idat_ztxt_parameters.png"}) {
        Rendition r = m.render(Corpus.file(f), f, RenditionSpec.THUMBNAIL, tmp.resolve("ok.webp"));
        assertThat(Pixels.decode(r.file()).getWidth()).as(f).isEqualTo(r.width()).isPositive();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void declaredDimensionsAboveTheLimitAreRefusedBeforeDecoding(boolean libvips) {
    try (MediaProcessor m = open(libvips, 1_000_000L, Duration.ofSeconds(30))) {
      MediaException e = failure(m, "photo/immich_motog9_4640x3472.jpg", true);
      assertThat(e.kind()).isEqualTo(MediaException.Kind.TOO_LARGE);
      assertThat(e.getMessage()).contains("16110080 pixels");
    }
  }

  @Test
  void nativeWorkOverTheTimeLimitIsStoppedAndCleanedUp() {
    try (MediaProcessor m = open(true, 200_000_000L, Duration.ofMillis(1))) {
      assumeTrue(m.engine().startsWith("libvips"), "libvips is not installed; apt-get install libvips42");
      MediaException e = failure(m, "photo/multipage_g4.tif", true);
      assertThat(e.kind()).isEqualTo(MediaException.Kind.TIMEOUT);
      assertThat(e.isRetryable()).isTrue();
    }
  }

  @Test
  void brokenVideosFailCleanly() {
    try (MediaProcessor m = open(true, 200_000_000L, Duration.ofSeconds(30))) {
      assumeTrue(m.videoSupported(), "ffmpeg/ffprobe are not installed; apt-get install ffmpeg");
      for (String f : new String[] {"edge/immich_future42603_malformed.mp4",
          "edge/webm_primarychromaticity_fieldtoolarge.webm"}) {
        assertThat(failure(m, f, false).kind()).as(f).isEqualTo(MediaException.Kind.CORRUPT);
        assertThat(failure(m, f, true).kind()).as(f).isEqualTo(MediaException.Kind.CORRUPT);
      }
      MediaAnalysis tags = m.analyze(Corpus.file("edge/webm_long_tag_string.webm"), "tags.webm");
      assertThat(tags.width()).isEqualTo(320);
      MediaException noFrame = failure(m, "edge/webm_long_tag_string.webm", true);
      assertThat(noFrame.kind()).isEqualTo(MediaException.Kind.CORRUPT);
      assertThat(noFrame.getMessage()).contains("no frame");
    }
  }
}
