package dev.lightbox.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.Corpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaFormatTest {
  @Test
  void everyPrefixOfEveryCorpusHeaderSniffsWithoutThrowing() throws Exception {
    for (String f : Corpus.all()) {
      byte[] head;
      try (InputStream in = Files.newInputStream(Corpus.file(f))) {
        head = in.readNBytes(MediaFormat.HEAD_BYTES);
      }
      for (int n = 0; n <= head.length; n++) {
        assertThat(MediaFormat.sniff(Arrays.copyOf(head, n))).isNotNull();
      }
    }
  }

  @Test
  void headerSizeAgreesWithMetadataExtractor() throws Exception {
    int checked = 0;
    for (String f : Corpus.all()) {
      if (!f.startsWith("photo/") && !f.startsWith("ai/")) {
        continue;
      }
      MediaFormat format = sniff(f);
      int[] size;
      try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(Corpus.file(f)))) {
        size = HeaderSize.read(format, in);
      }
      if (size != null) {
        var facts = dev.lightbox.media.internal.meta.ImageFactsReader.read(Corpus.file(f), format).photo();
        assertThat(size).as(f).containsExactly(facts.width(), facts.height());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
  }

  @Test
  void shortIsoHeaderFoundByTheFuzzer() {
    assertThat(MediaFormat.sniff(new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'})).isEqualTo(MediaFormat.UNKNOWN);
  }

  @Test
  void containersByContent() throws Exception {
    assertThat(sniff("photo/immich_iphone_IMG_2682.heic")).isEqualTo(MediaFormat.HEIC);
    assertThat(sniff("photo/immich_8bit-sRGB.avif")).isEqualTo(MediaFormat.AVIF);
    assertThat(sniff("photo/exiftool_QuickTime_min.heic")).isEqualTo(MediaFormat.HEIC);
    assertThat(sniff("video/exiftool_QuickTime.mov")).isEqualTo(MediaFormat.MOV);
    assertThat(sniff("edge/immich_future42603_malformed.mp4")).isEqualTo(MediaFormat.MP4);
    assertThat(sniff("video/bbb_480p_vp9_opus_1second.webm")).isEqualTo(MediaFormat.WEBM);
    assertThat(sniff("photo/multipage_g4.tif")).isEqualTo(MediaFormat.TIFF);
    assertThat(sniff("edge/nonsense.bin")).isEqualTo(MediaFormat.UNKNOWN);
  }

  private static MediaFormat sniff(String f) throws Exception {
    try (InputStream in = Files.newInputStream(Corpus.file(f))) {
      return MediaFormat.sniff(in.readNBytes(MediaFormat.HEAD_BYTES));
    }
  }
}
