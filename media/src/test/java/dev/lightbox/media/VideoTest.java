package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video through ffprobe/ffmpeg; skipped (with the reason) where the ffmpeg package is missing. */
class VideoTest {
  @TempDir
  Path tmp;
  MediaProcessor media;

  @BeforeEach
  void open() {
    media = MediaProcessors.create(new MediaConfig(tmp.resolve("work"), true, 200_000_000L, Duration.ofSeconds(60)));
    assumeTrue(media.videoSupported(), "ffmpeg/ffprobe are not installed; apt-get install ffmpeg");
  }

  @AfterEach
  void close() throws Exception {
    media.close();
    if (Files.isDirectory(tmp.resolve("work"))) {
      try (Stream<Path> s = Files.list(tmp.resolve("work"))) {
        assertThat(s).as("temp files left").isEmpty();
      }
    }
  }

  @Test
  void webmDurationSizeAndPoster() {
    String f = "video/bbb_480p_vp9_opus_1second.webm";
    MediaAnalysis a = media.analyze(Corpus.file(f), f);
    assertThat(a.kind()).isEqualTo(MediaAnalysis.Kind.VIDEO);
    assertThat(a.mimeType()).isEqualTo("video/webm");
    assertThat(a.width()).isEqualTo(854);
    assertThat(a.height()).isEqualTo(480);
    assertThat(a.duration()).isEqualTo(Duration.ofMillis(1008));
    assertThat(a.metadataJson()).contains("\"codec\":\"vp9\"", "\"rotation\":0");
    Rendition thumb = media.render(Corpus.file(f), f, RenditionSpec.THUMBNAIL, tmp.resolve("t.webp"));
    BufferedImage img = Pixels.decode(thumb.file());
    assertThat(img.getWidth()).isEqualTo(250);
    assertThat(img.getHeight()).isEqualTo(141);
    Rendition preview = media.render(Corpus.file(f), f, RenditionSpec.PREVIEW, tmp.resolve("p.jpg"));
    assertThat(preview.width()).as("never enlarged").isEqualTo(854);
    assertThat(preview.mimeType()).isEqualTo("image/jpeg");
  }

  @Test
  void stereoWebmAndQuickTimeWithoutFrames() {
    MediaAnalysis stereo = media.analyze(Corpus.file("video/test_stereo_left_right.webm"), "stereo.webm");
    assertThat(stereo.width()).isEqualTo(256);
    assertThat(stereo.duration()).isEqualTo(Duration.ofMillis(2080));
    assertThat(media.render(Corpus.file("video/test_stereo_left_right.webm"), "stereo.webm",
        RenditionSpec.THUMBNAIL, tmp.resolve("s.webp")).width()).isEqualTo(250);
    // exiftool's 3.8 KB QuickTime sample has track headers but no decodable media
    MediaAnalysis mov = media.analyze(Corpus.file("video/exiftool_QuickTime.mov"), "QuickTime.mov");
    assertThat(mov.mimeType()).isEqualTo("video/quicktime");
    assertThat(mov.width()).isEqualTo(320);
    assertThat(mov.height()).isEqualTo(240);
    assertThat(mov.duration().toMillis()).isBetween(4960L, 4970L);
    MediaException e = catchThrowableOfType(MediaException.class, () -> media.render(
        Corpus.file("video/exiftool_QuickTime.mov"), "QuickTime.mov", RenditionSpec.THUMBNAIL, tmp.resolve("q.webp")));
    assertThat(e.kind()).isEqualTo(MediaException.Kind.CORRUPT);
  }

  @Test
  void rotationIsAppliedToSizeAndPoster() throws Exception {
    Path plain = tmp.resolve("plain.mp4");
    Path rotated = tmp.resolve("rotated.mp4");
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=10:duration=1", "-c:v", "mpeg4", plain.toString());
    // ffmpeg 5.1 turns this tag into a display matrix that ffprobe reports as 90 degrees counter-clockwise
    ffmpeg("-i", plain.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
    MediaAnalysis a = media.analyze(rotated, "rotated.mp4");
    assertThat(a.mimeType()).isEqualTo("video/mp4");
    assertThat(a.metadataJson()).contains("\"rotation\":270");
    assertThat(a.width()).isEqualTo(240);
    assertThat(a.height()).isEqualTo(320);
    Rendition r = media.render(rotated, "rotated.mp4", RenditionSpec.THUMBNAIL, tmp.resolve("r.webp"));
    assertThat(r.width()).isEqualTo(188);
    assertThat(r.height()).isEqualTo(250);
  }

  private static void ffmpeg(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-v", "error", "-y"));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void videosAboveThePixelLimitAreRefused() {
    try (MediaProcessor small = MediaProcessors.create(new MediaConfig(tmp.resolve("work"), true, 100_000L,
        Duration.ofSeconds(60)))) {
      MediaException e = catchThrowableOfType(MediaException.class, () -> small.analyze(
          Corpus.file("video/bbb_480p_vp9_opus_1second.webm"), "bbb.webm"));
      assertThat(e.kind()).isEqualTo(MediaException.Kind.TOO_LARGE);
    }
  }
}
