package dev.lightbox.media.internal.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightbox.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Video through ffprobe and ffmpeg child processes, each bounded in time. */
public final class VideoTools {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Posters are taken at most this large; the image engine makes the renditions from them. */
  private static final int POSTER_BOX = 2048;

  private final Duration timeout;
  private final long maxPixels;
  private final boolean available;

  public VideoTools(Duration timeout, long maxPixels) {
    this.timeout = timeout;
    this.maxPixels = maxPixels;
    this.available = toolsInstalled();
  }

  private static volatile Boolean installed;

  /** Checked once per JVM: starting the tools costs a few hundred milliseconds. */
  private static boolean toolsInstalled() {
    Boolean known = installed;
    if (known == null) {
      known = works("ffprobe") && works("ffmpeg");
      installed = known;
    }
    return known;
  }

  public boolean available() {
    return available;
  }

  public VideoInfo probe(Path file, String fileName) {
    requireTools(fileName);
    ProcessRunner.Result r = ProcessRunner.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
        "-show_entries", "stream=width,height,codec_name:stream_side_data=rotation:stream_tags=rotate"
            + ":format=duration", "-of", "json", file.toString()), timeout, fileName, "probing the video");
    JsonNode root;
    try {
      root = JSON.readTree(r.stdout());
    } catch (IOException e) {
      root = null;
    }
    JsonNode stream = root == null ? null : root.path("streams").path(0);
    if (r.exitCode() != 0 || stream == null || stream.isMissingNode() || stream.path("width").asInt(0) <= 0) {
      throw new MediaException(MediaException.Kind.CORRUPT, fileName,
          "no readable video stream (" + firstLine(r.stderr(), "ffprobe found none") + ")");
    }
    int w = stream.path("width").asInt();
    int h = stream.path("height").asInt();
    if (h <= 0 || (long) w * h > maxPixels) {
      throw new MediaException(MediaException.Kind.TOO_LARGE, fileName, "declares a " + w + "x" + h
          + " video, outside the limit of " + maxPixels + " pixels (MediaConfig.maxPixels)");
    }
    int rotation = 0;
    for (JsonNode sd : stream.path("side_data_list")) {
      if (sd.has("rotation")) {
        rotation = -sd.get("rotation").asInt(); // display matrix: counter-clockwise; we store clockwise
      }
    }
    if (rotation == 0 && stream.path("tags").has("rotate")) {
      rotation = stream.path("tags").path("rotate").asInt(); // older tag: clockwise
    }
    rotation = Math.floorMod(rotation, 360);
    double seconds = root.path("format").path("duration").asDouble(-1);
    Duration duration = seconds >= 0 ? Duration.ofNanos((long) (seconds * 1e9)) : null;
    return new VideoInfo(w, h, rotation, duration, stream.path("codec_name").asText(null));
  }

  /** Writes an upright PNG frame near the start of the video to {@code png}. */
  public void poster(Path file, String fileName, VideoInfo info, Path png) {
    requireTools(fileName);
    double at = info.duration() == null ? 0 : Math.min(1.0, info.duration().toMillis() / 3000.0);
    for (double seek : at > 0 ? new double[] {at, 0} : new double[] {0}) {
      ProcessRunner.Result r = ProcessRunner.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
          "-ss", String.format(Locale.ROOT, "%.3f", seek), "-i", file.toString(), "-frames:v", "1", "-an", "-sn",
          "-vf", "scale=w='min(iw," + POSTER_BOX + ")':h='min(ih," + POSTER_BOX + ")':force_original_aspect_ratio=decrease",
          png.toString()), timeout, fileName, "taking a poster frame");
      try {
        if (r.exitCode() == 0 && Files.size(png) > 0) {
          return;
        }
      } catch (IOException missing) {
        // try the next seek position
      }
      if (seek == 0) {
        throw new MediaException(MediaException.Kind.CORRUPT, fileName,
            "no frame could be decoded (" + firstLine(r.stderr(), "ffmpeg wrote no frame") + ")");
      }
    }
  }

  private void requireTools(String fileName) {
    if (!available) {
      throw new MediaException(MediaException.Kind.TOOL_MISSING, fileName,
          "video needs ffmpeg and ffprobe; install the ffmpeg package");
    }
  }

  private static boolean works(String tool) {
    try {
      return ProcessRunner.run(List.of(tool, "-version"), Duration.ofSeconds(20), null, "checking " + tool)
          .exitCode() == 0;
    } catch (MediaException e) {
      return false;
    }
  }

  private static String firstLine(String s, String fallback) {
    String t = s == null ? "" : s.strip();
    if (t.isEmpty()) {
      return fallback;
    }
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
