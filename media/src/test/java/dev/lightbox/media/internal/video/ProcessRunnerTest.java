package dev.lightbox.media.internal.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lightbox.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: what a child process (ffprobe, ffmpeg) prints is read up to 1 MiB and the rest discarded, and a
 * process past its time limit is stopped; a video whose metadata tags are megabytes still probes, since
 * ffprobe is asked for a few fields only.
 */
class ProcessRunnerTest {
  @TempDir
  Path tmp;

  @Test
  void outputBeyondOneMibIsDiscardedNotKept() {
    ProcessRunner.Result r = ProcessRunner.run(List.of("sh", "-c",
        "head -c 200000000 /dev/zero | tr '\\0' a; head -c 50000000 /dev/zero >&2"),
        Duration.ofMinutes(5), "flood", "printing");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(1 << 20).matches("a+");
    assertThat(r.stderr().length()).isEqualTo(1 << 20);
  }

  @Test
  void aProcessPastItsTimeLimitIsStopped() {
    MediaException e = catchThrowableOfType(MediaException.class,
        () -> ProcessRunner.run(List.of("sleep", "600"), Duration.ofSeconds(1), "slow.mp4", "probing the video"));
    assertThat(e.kind()).isEqualTo(MediaException.Kind.TIMEOUT);
    assertThat(e.getMessage()).contains("slow.mp4", "took longer than", "was stopped");
  }

  @Test
  void megabytesOfContainerTagsDoNotReachTheProbeOutput() throws Exception {
    VideoTools tools = new VideoTools(Duration.ofMinutes(2), 200_000_000L);
    assumeTrue(tools.available(), "ffmpeg/ffprobe are not installed; apt-get install ffmpeg");
    StringBuilder meta = new StringBuilder(";FFMETADATA1\n");
    for (int i = 0; i < 40; i++) {
      meta.append("tag").append(i).append('=').append("x".repeat(100_000)).append('\n');
    }
    Path metaFile = Files.writeString(tmp.resolve("meta.txt"), meta, StandardCharsets.UTF_8);
    Path mp4 = tmp.resolve("tags.mp4");
    ProcessRunner.Result made = ProcessRunner.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
        "-i", "testsrc=size=64x48:rate=5:duration=1", "-i", metaFile.toString(), "-map_metadata", "1",
        "-c:v", "mpeg4", "-movflags", "use_metadata_tags", mp4.toString()), Duration.ofMinutes(2), "tags.mp4", "making the test video");
    assertThat(made.exitCode()).as(made.stderr()).isZero();
    ProcessRunner.Result allTags = ProcessRunner.run(List.of("ffprobe", "-v", "error", "-show_entries",
        "format_tags", "-of", "json", mp4.toString()), Duration.ofMinutes(2), "tags.mp4", "listing the tags");
    assertThat(allTags.stdout()).as("4 MB of tags, cut at the cap").hasSize(1 << 20);
    VideoInfo info = tools.probe(mp4, "tags.mp4");
    assertThat(info.displayWidth()).isEqualTo(64);
    assertThat(info.displayHeight()).isEqualTo(48);
  }
}
