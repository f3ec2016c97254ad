package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.MediaAnalysis.Kind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one sniffer on the real corpus: every file is what its extension says, whatever its name. */
class MediaSnifferTest {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("webp", "image/webp"),
      Map.entry("gif", "image/gif"), Map.entry("tif", "image/tiff"), Map.entry("heic", "image/heic"),
      Map.entry("avif", "image/avif"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
      Map.entry("webm", "video/webm"));

  @Test
  void everyPrefixOfEveryCorpusHeaderSniffsWithoutThrowing() throws Exception {
    for (String f : Corpus.all()) {
      byte[] head = head(f);
      for (int n = 0; n <= head.length; n++) {
        assertThat(MediaSniffer.sniff(Arrays.copyOf(head, n))).isNotNull();
      }
    }
  }

  @Test
  void everyCorpusFileIsTheTypeItsExtensionNames() throws Exception {
    for (String f : Corpus.all()) {
      Optional<MediaType> sniffed = MediaSniffer.sniff(Corpus.file(f));
      if (f.equals("edge/zero_bytes.png") || f.endsWith(".bin")) {
        assertThat(sniffed).as(f).isEmpty();
      } else {
        String extension = f.substring(f.lastIndexOf('.') + 1);
        assertThat(sniffed.map(MediaType::mimeType)).as(f).hasValue(BY_EXTENSION.get(extension));
      }
    }
  }

  @Test
  void shortIsoHeaderFoundByTheFuzzer() {
    assertThat(MediaSniffer.sniff(new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'})).isEmpty();
  }

  @Test
  void containersByContent() throws Exception {
    assertThat(sniff("photo/immich_iphone_IMG_2682.heic")).isEqualTo(new MediaType("image/heic", Kind.IMAGE, "heic"));
    assertThat(sniff("photo/immich_8bit-sRGB.avif")).isEqualTo(new MediaType("image/avif", Kind.IMAGE, "avif"));
    assertThat(sniff("photo/exiftool_QuickTime_min.heic")).isEqualTo(new MediaType("image/heic", Kind.IMAGE, "heic"));
    assertThat(sniff("video/exiftool_QuickTime.mov"))
        .isEqualTo(new MediaType("video/quicktime", Kind.VIDEO, "mov"));
    assertThat(sniff("edge/immich_future42603_malformed.mp4"))
        .isEqualTo(new MediaType("video/mp4", Kind.VIDEO, "mp4"));
    assertThat(sniff("video/bbb_480p_vp9_opus_1second.webm"))
        .isEqualTo(new MediaType("video/webm", Kind.VIDEO, "webm"));
    assertThat(sniff("photo/multipage_g4.tif")).isEqualTo(new MediaType("image/tiff", Kind.IMAGE, "tif"));
    assertThat(MediaSniffer.sniff(Corpus.file("edge/nonsense.bin"))).isEmpty();
  }

  @Test
  void theSupportedTypesAndTheExtensionsOriginalsAreStoredUnder() {
    assertThat(MediaSniffer.supported()).containsExactlyInAnyOrder(
        new MediaType("image/jpeg", Kind.IMAGE, "jpg"), new MediaType("image/png", Kind.IMAGE, "png"),
        new MediaType("image/webp", Kind.IMAGE, "webp"), new MediaType("image/gif", Kind.IMAGE, "gif"),
        new MediaType("image/tiff", Kind.IMAGE, "tif"), new MediaType("image/heic", Kind.IMAGE, "heic"),
        new MediaType("image/heif", Kind.IMAGE, "heif"), new MediaType("image/avif", Kind.IMAGE, "avif"),
        new MediaType("video/mp4", Kind.VIDEO, "mp4"), new MediaType("video/quicktime", Kind.VIDEO, "mov"),
        new MediaType("video/webm", Kind.VIDEO, "webm"), new MediaType("video/x-matroska", Kind.VIDEO, "mkv"));
    assertThat(MediaSniffer.supported("image/heif").map(MediaType::extension)).hasValue("heif");
    assertThat(MediaSniffer.supported("application/octet-stream")).isEmpty();
    assertThat(MediaSniffer.supported("unknown/from-stub")).isEmpty();
  }

  @Test
  void aFileIsJudgedByItsFirstBytesOnly(@TempDir Path dir) throws Exception {
    Path png = Files.copy(Corpus.file("ai/comfyui_sdxl.png"), dir.resolve("really-a-png.jpg"));
    assertThat(MediaSniffer.sniff(png).map(MediaType::mimeType)).hasValue("image/png");
    assertThat(MediaSniffer.sniff(Files.write(dir.resolve("empty.png"), new byte[0]))).isEmpty();
    byte[] longHead = Arrays.copyOf(head("ai/comfyui_sdxl.png"), MediaSniffer.HEAD_BYTES * 4);
    assertThat(MediaSniffer.sniff(longHead)).isEqualTo(MediaSniffer.sniff(png));
  }

  @Test
  void everySignatureFromConstructedBytes() {
    Map<String, byte[]> heads = Map.of(
        "image/jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0),
        "image/png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
        "image/gif", "GIF87a".getBytes(), "image/tiff", bytes('I', 'I', 42, 0),
        "image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(),
        "video/webm", cat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84), "webm".getBytes()),
        "video/x-matroska", cat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x82, 0x88), "matroska".getBytes()));
    heads.forEach((type, head) -> assertThat(MediaSniffer.sniff(head).map(MediaType::mimeType)).hasValue(type));
    assertThat(MediaSniffer.sniff(bytes('M', 'M', 0, 42)).map(MediaType::mimeType)).hasValue("image/tiff");
    assertThat(MediaSniffer.sniff("GIF89a".getBytes()).map(MediaType::mimeType)).hasValue("image/gif");
    for (byte[] notMedia : List.of(new byte[0], "RIFF\0\0\0\0WAVEfmt ".getBytes(), "GIF88a".getBytes(),
        bytes(0xFF, 0xD8), "<svg xmlns=".getBytes(), "%PDF-1.7".getBytes())) {
      assertThat(MediaSniffer.sniff(notMedia)).isEmpty();
    }
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] cat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static MediaType sniff(String f) throws Exception {
    return MediaSniffer.sniff(Corpus.file(f)).orElseThrow();
  }

  private static byte[] head(String f) throws Exception {
    try (InputStream in = Files.newInputStream(Corpus.file(f))) {
      return in.readNBytes(MediaSniffer.HEAD_BYTES);
    }
  }
}
