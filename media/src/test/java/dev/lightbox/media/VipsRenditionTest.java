package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The libvips engine; skipped (with the reason) where libvips42 is not installed. */
class VipsRenditionTest extends RenditionContract {
  @Override
  boolean preferLibvips() {
    return true;
  }

  @Override
  List<String> unsupported() {
    return List.of();
  }

  @BeforeEach
  void requireLibvips() {
    assumeTrue(media.engine().startsWith("libvips"),
        "libvips is not installed (" + MediaProcessors.libvipsUnavailableReason() + "); apt-get install libvips42");
  }

  @Test
  void reportsItsVersion() {
    assertThat(media.engine()).matches("libvips 8\\.\\d+\\.\\d+.*");
  }

  @Test
  void heicAndAvifThroughLibheif() {
    assertThat(thumb("photo/immich_iphone_IMG_2682.heic").getWidth()).isEqualTo(250);
    assertThat(thumb("photo/immich_8bit-sRGB.avif").getWidth()).isEqualTo(250);
  }
}
