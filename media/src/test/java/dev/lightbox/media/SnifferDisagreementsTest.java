package dev.lightbox.media;

import static dev.lightbox.media.MediaSnifferTest.bytes;
import static dev.lightbox.media.MediaSnifferTest.cat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The answers where the server's former ContentSniffer and the media module's MediaFormat disagreed, decided by
 * the format specifications: ISO/IEC 14496-12 (ftyp), ISO/IEC 23008-12 (HEIF brands), the AV1 Image File Format,
 * Apple's QuickTime File Format (top-level atoms) and the PNG specification (signature).
 */
class SnifferDisagreementsTest {
  @Test
  void everyHevcHeifBrandIsHeicIncludingImageSequencesWhichContentSnifferCalledMp4() {
    for (String brand : new String[] {"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"}) {
      assertThat(type(ftyp(brand, "mif1", brand))).as(brand).hasValue("image/heic");
      assertThat(type(ftyp(brand))).as(brand + " with no compatible brands").hasValue("image/heic");
    }
    assertThat(type(ftyp("msf1", "msf1", "hevc"))).hasValue("image/heic");
  }

  @Test
  void mif1WithoutACodecBrandIsGenericHeifWhichMediaFormatCalledHeic() {
    assertThat(MediaSniffer.sniff(ftyp("mif1", "mif1", "miaf")))
        .hasValue(new MediaType("image/heif", MediaAnalysis.Kind.IMAGE, "heif"));
    assertThat(type(ftyp("msf1", "msf1"))).hasValue("image/heif");
    assertThat(type(ftyp("mif1"))).hasValue("image/heif");
  }

  @Test
  void mif1CompatibleWithHeicIsHeicWhichContentSnifferCalledHeif() throws Exception {
    assertThat(type(ftyp("mif1", "mif1", "heic", "hevc"))).hasValue("image/heic");
    assertThat(MediaSniffer.sniff(Corpus.file("photo/exiftool_QuickTime_min.heic")).map(MediaType::mimeType))
        .as("ftyp mif1 [mif1, heic, hevc]").hasValue("image/heic");
  }

  @Test
  void avifBrandsWinOverHevcOnes() throws Exception {
    assertThat(type(ftyp("avif", "mif1", "miaf"))).hasValue("image/avif");
    assertThat(type(ftyp("avis", "msf1", "avif"))).hasValue("image/avif");
    assertThat(type(ftyp("mif1", "mif1", "avif"))).hasValue("image/avif");
    assertThat(MediaSniffer.sniff(Corpus.file("photo/immich_8bit-sRGB.avif")).map(MediaType::mimeType))
        .hasValue("image/avif");
  }

  @Test
  void compatibleBrandsEndWithTheFtypBoxWhichContentSnifferReadPast() {
    byte[] heifThenAvifItem = cat(ftyp("mif1", "mif1"), box("meta", "avif"));
    assertThat(type(heifThenAvifItem)).hasValue("image/heif");
    assertThat(type(cat(ftyp("mif1", "mif1"), box("free", "heic")))).hasValue("image/heif");
  }

  @Test
  void compatibleBrandsAreWholeFourByteEntriesNotSubstrings() {
    assertThat(type(ftyp("mif1", "xxav", "ifxx"))).as("'avif' only across two brands").hasValue("image/heif");
  }

  @Test
  void everyClassicQuickTimeTopLevelAtomIsQuickTimeWhereEachSnifferKnewOnlySome() throws Exception {
    for (String atom : new String[] {"moov", "mdat", "free", "skip", "wide", "pnot"}) {
      assertThat(type(box(atom, "\0\0\0\0"))).as(atom).hasValue("video/quicktime");
    }
    assertThat(MediaSniffer.sniff(Corpus.file("video/exiftool_QuickTime.mov")).map(MediaType::mimeType))
        .as("starts with moov").hasValue("video/quicktime");
  }

  @Test
  void quickTimeBrandIsQuickTimeAndOtherIsoBrandsAreMp4() throws Exception {
    assertThat(type(ftyp("qt  ", "qt  "))).hasValue("video/quicktime");
    for (String brand : new String[] {"isom", "iso2", "mp41", "mp42", "M4V ", "avc1", "3gp4", "dash"}) {
      assertThat(type(ftyp(brand, "isom"))).as(brand).hasValue("video/mp4");
    }
    assertThat(MediaSniffer.sniff(Corpus.file("edge/immich_future42603_malformed.mp4")).map(MediaType::mimeType))
        .as("ftyp isom [isom, iso2, mp41]").hasValue("video/mp4");
  }

  @Test
  void pngNeedsAllEightSignatureBytesWhereContentSnifferCheckedFour() {
    assertThat(type(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13))).hasValue("image/png");
    assertThat(type(bytes(0x89, 'P', 'N', 'G', 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I')))
        .as("CR LF turned into LF in transfer").isEmpty();
    assertThat(type(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A))).as("cut short").isEmpty();
  }

  private static Optional<String> type(byte[] head) {
    return MediaSniffer.sniff(head).map(MediaType::mimeType);
  }

  /** An ftyp box: size, "ftyp", major brand, minor version 0, then the compatible brands. */
  private static byte[] ftyp(String major, String... compatible) {
    return box("ftyp", major + "\0\0\0\0" + String.join("", compatible));
  }

  private static byte[] box(String type, String payload) {
    byte[] body = (type + payload).getBytes(StandardCharsets.ISO_8859_1);
    int size = body.length + 4;
    return cat(bytes(size >>> 24, (size >>> 16) & 0xFF, (size >>> 8) & 0xFF, size & 0xFF), body);
  }
}
