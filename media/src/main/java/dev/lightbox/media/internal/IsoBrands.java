package dev.lightbox.media.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ISO base media files (ISO/IEC 14496-12) by the brands of their leading {@code ftyp} box: the major brand,
 * then the compatible brands, which end where the box ends. HEIF brands are from ISO/IEC 23008-12, AVIF's from
 * the AV1 Image File Format; any other brand is an MP4 video unless it is QuickTime's {@code "qt  "}.
 */
final class IsoBrands {
  /** HEVC-coded HEIF images and image sequences (single-layer, extended range, multi-layer, scalable). */
  private static final Set<String> HEVC = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
  /** AV1-coded images and image sequences. */
  private static final Set<String> AV1 = Set.of("avif", "avis");
  /** HEIF structure brands (image item, image sequence) that say nothing about the codec. */
  private static final Set<String> HEIF_STRUCTURE = Set.of("mif1", "msf1");

  private IsoBrands() {
  }

  static MediaFormat format(byte[] h) {
    if (h.length < 12) {
      return MediaFormat.UNKNOWN;
    }
    String major = brand(h, 8);
    if (AV1.contains(major)) {
      return MediaFormat.AVIF;
    }
    if (HEVC.contains(major)) {
      return MediaFormat.HEIC;
    }
    if (HEIF_STRUCTURE.contains(major)) {
      List<String> compatible = compatible(h);
      if (compatible.stream().anyMatch(AV1::contains)) {
        return MediaFormat.AVIF;
      }
      return compatible.stream().anyMatch(HEVC::contains) ? MediaFormat.HEIC : MediaFormat.HEIF;
    }
    return major.equals("qt  ") ? MediaFormat.MOV : MediaFormat.MP4;
  }

  /** The compatible brands after the major brand and minor version, as far as both the box and the head go. */
  private static List<String> compatible(byte[] h) {
    long size = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
    long boxEnd = size == 0 ? h.length : Math.min(size, h.length); // size 0: the box runs to the end of the file
    List<String> brands = new ArrayList<>();
    for (int at = 16; at + 4 <= boxEnd; at += 4) {
      brands.add(brand(h, at));
    }
    return brands;
  }

  private static String brand(byte[] h, int at) {
    return new String(h, at, 4, StandardCharsets.ISO_8859_1);
  }
}
