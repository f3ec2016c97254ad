package dev.lightbox.media.internal.imageio;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Lossless means exact: every pixel must come back from an independent decoder. TwelveMonkeys decodes smooth
 * and flat images exactly but mis-decodes some valid noise streams, so noise is checked with libwebp (through
 * the vips command) where it is installed.
 */
class WebpLosslessWriterTest {
  static {
    ImageIO.scanForPlugins();
  }

  static void roundTrip(int[] argb, int w, int h) throws Exception {
    byte[] webp = WebpLosslessWriter.encode(argb, w, h);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(webp));
    assertThat(img.getWidth()).isEqualTo(w);
    assertThat(img.getHeight()).isEqualTo(h);
    int[] back = img.getRGB(0, 0, w, h, null, 0, w);
    boolean alpha = false;
    for (int p : argb) {
      alpha |= (p >>> 24) != 0xFF;
    }
    for (int i = 0; i < argb.length; i++) {
      int expected = alpha ? argb[i] : argb[i] | 0xFF000000;
      assertThat(Integer.toHexString(back[i])).as("pixel " + i).isEqualTo(Integer.toHexString(expected));
    }
  }

  @Test
  void noiseGradientsFlatAreasAndAlpha() throws Exception {
    Random r = new Random(7);
    for (int[] size : new int[][] {{1, 1}, {3, 2}, {33, 17}, {250, 167}, {64, 300}}) {
      int w = size[0];
      int h = size[1];
      int[] noise = new int[w * h];
      int[] smooth = new int[w * h];
      int[] flat = new int[w * h];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = r.nextInt();
        int x = i % w;
        int y = i / w;
        smooth[i] = 0xFF000000 | ((x * 3 & 0xFF) << 16) | ((y * 2 & 0xFF) << 8) | ((x + y) & 0xFF);
        flat[i] = x < w / 2 ? 0xFF336699 : 0x80FFFFFF;
      }
      roundTrip(smooth, w, h);
      roundTrip(flat, w, h);
    }
  }

  @Test
  void noiseIsExactThroughLibwebp(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(vips("--version") == 0,
        "the vips command (libvips-tools) is not installed; libwebp check skipped");
    Random r = new Random(11);
    for (int[] size : new int[][] {{1, 1}, {7, 3}, {250, 167}}) {
      int w = size[0];
      int h = size[1];
      int[] noise = new int[w * h];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = r.nextInt();
      }
      java.nio.file.Path webp = tmp.resolve("n.webp");
      java.nio.file.Files.write(webp, WebpLosslessWriter.encode(noise, w, h));
      BufferedImage expected = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      expected.setRGB(0, 0, w, h, noise, 0, w);
      ImageIO.write(expected, "png", tmp.resolve("n.png").toFile());
      assertThat(vips("subtract", webp.toString(), tmp.resolve("n.png").toString(), tmp.resolve("d.v").toString()))
          .isZero();
      assertThat(vips("abs", tmp.resolve("d.v").toString(), tmp.resolve("a.v").toString())).isZero();
      Process max = new ProcessBuilder("vips", "max", tmp.resolve("a.v").toString()).start();
      String out = new String(max.getInputStream().readAllBytes()).strip();
      assertThat(max.waitFor()).isZero();
      assertThat(Double.parseDouble(out)).as(w + "x" + h + " largest channel difference").isZero();
    }
  }

  private static int vips(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("vips"));
    cmd.addAll(java.util.List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor();
    } catch (java.io.IOException notInstalled) {
      return -1;
    }
  }

  @Test
  void prefixCodingMatchesTheSpecExamples() {
    assertThat(WebpLosslessWriter.prefix(1)).containsExactly(0, 0, 0);
    assertThat(WebpLosslessWriter.prefix(4)).containsExactly(3, 0, 0);
    assertThat(WebpLosslessWriter.prefix(5)).containsExactly(4, 1, 0);
    assertThat(WebpLosslessWriter.prefix(4096)).containsExactly(23, 10, 1023);
  }
}
