package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera metadata from the corpus, with the pure-Java engine (metadata needs no native library). */
class PhotoMetadataCorpusTest {
  @TempDir
  static Path tmp;
  static MediaProcessor media;

  @BeforeAll
  static void open() {
    media = MediaProcessors.create(new MediaConfig(tmp, false, 200_000_000L, java.time.Duration.ofSeconds(30)));
  }

  @AfterAll
  static void close() {
    media.close();
  }

  static MediaAnalysis analyze(String f) {
    return media.analyze(Corpus.file(f), f);
  }

  @Test
  void iphoneBelowSeaLevelWithOffset() {
    MediaAnalysis a = analyze("photo/iphone12_BELOW_SEA_LEVEL.jpg");
    assertThat(a.mimeType()).isEqualTo("image/jpeg");
    assertThat(a.width()).isEqualTo(4032);
    assertThat(a.height()).isEqualTo(3024);
    assertThat(a.captureTime()).isEqualTo(OffsetDateTime.of(2022, 6, 29, 22, 44, 11, 0, ZoneOffset.ofHours(2)));
    assertThat(a.photo().make()).isEqualTo("Apple");
    assertThat(a.photo().model()).isEqualTo("iPhone 12");
    assertThat(a.photo().lens()).isEqualTo("iPhone 12 back dual wide camera 4.2mm f/1.6");
    assertThat(a.photo().latitude()).isCloseTo(52.26024, within(1e-4));
    assertThat(a.photo().longitude()).isCloseTo(4.63230, within(1e-4));
    assertThat(a.photo().altitude()).isNegative().isCloseTo(-1.627, within(1e-3));
    assertThat(a.photo().timeZone()).isEqualTo("+02:00");
    assertThat(a.metadataJson()).contains("\"captureTime\":\"2022-06-29T22:44:11+02:00\"");
  }

  @Test
  void captureTimeWithoutOffsetIsMarkedAsLocal() {
    MediaAnalysis a = analyze("photo/nikon_E950_makernote.jpg");
    assertThat(a.captureTime().toLocalDateTime()).hasToString("2001-04-06T11:51:40");
    assertThat(a.photo().timeZone()).isNull();
    assertThat(a.metadataJson()).contains("\"captureTime\":\"2001-04-06T11:51:40\"", "\"timeZoneKnown\":false");
    assertThat(a.photo().make()).isEqualTo("NIKON");
    assertThat(a.photo().model()).isEqualTo("E950");
  }

  @Test
  void gpsOnlyPhotoAndCameraOnlyWebp() {
    MediaAnalysis gps = analyze("photo/immich_thompson-springs_gps.jpg");
    assertThat(gps.photo().latitude()).isCloseTo(39.115, within(1e-6));
    assertThat(gps.photo().longitude()).isCloseTo(-108.400968, within(1e-6));
    assertThat(gps.photo().altitude()).isCloseTo(1483.9, within(1e-6));
    MediaAnalysis webp = analyze("photo/immich_denali.webp");
    assertThat(webp.width()).isEqualTo(600);
    assertThat(webp.photo().model()).isEqualTo("Canon EOS 7D");
    assertThat(webp.photo().lens()).isEqualTo("EF28-80mm f/3.5-5.6 USM");
  }

  @Test
  void orientationSwapsDisplayedSize() {
    MediaAnalysis a = analyze("photo/immich_portrait-orientation-6.jpg");
    assertThat(a.orientation()).isEqualTo(6);
    assertThat(a.width()).isEqualTo(840);
    assertThat(a.height()).isEqualTo(700);
    assertThat(analyze("photo/orient_Landscape_0_notag.jpg").orientation()).isEqualTo(1);
  }

  @Test
  void heicExifAndOtherContainers() {
    MediaAnalysis heic = analyze("photo/immich_iphone_IMG_2682.heic");
    assertThat(heic.mimeType()).isEqualTo("image/heic");
    assertThat(heic.captureTime()).isEqualTo(OffsetDateTime.of(2019, 3, 21, 11, 4, 22, 0, ZoneOffset.ofHours(-5)));
    assertThat(heic.photo().model()).isEqualTo("iPhone 7");
    assertThat(analyze("photo/immich_8bit-sRGB.avif").mimeType()).isEqualTo("image/avif");
    MediaAnalysis tif = analyze("photo/exiftool_ExifTool.tif");
    assertThat(tif.width()).isEqualTo(160);
    assertThat(tif.photo().model()).isEqualTo("Canon EOS DIGITAL REBEL");
    assertThat(analyze("photo/photoshop_xmp.gif").height()).isEqualTo(12);
    assertThat(analyze("photo/multipage_g4.tif").width()).isEqualTo(4670);
    assertThat(analyze("photo/exiftool_PNG_xmp.png").metadataJson()).contains("XML:com.adobe.xmp");
  }

  @Test
  void everyCorpusImageAnalyzesWithoutError() {
    for (String f : Corpus.all()) {
      if (f.startsWith("photo/") || f.startsWith("ai/")) {
        MediaAnalysis a = analyze(f);
        assertThat(a.kind()).as(f).isEqualTo(MediaAnalysis.Kind.IMAGE);
        assertThat(a.metadataJson()).as(f).startsWith("{").endsWith("}");
      }
    }
  }
}
