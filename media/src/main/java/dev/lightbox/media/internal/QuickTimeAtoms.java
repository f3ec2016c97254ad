package dev.lightbox.media.internal;

import java.util.Set;

/**
 * QuickTime movies written before the {@code ftyp} atom existed start straight with a top-level atom. The
 * QuickTime File Format lists these as the top-level atom types besides {@code ftyp}: movie, media data,
 * unused space ({@code free}, {@code skip}), reserved space ({@code wide}) and preview ({@code pnot}).
 */
final class QuickTimeAtoms {
  private static final Set<String> TOP_LEVEL = Set.of("moov", "mdat", "free", "skip", "wide", "pnot");

  private QuickTimeAtoms() {
  }

  static boolean startsClassicMovie(byte[] h) {
    return TOP_LEVEL.stream().anyMatch(type -> FormatSniffer.ascii(h, 4, type));
  }
}
