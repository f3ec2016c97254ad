package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure-Java fallback engine, forced with preferLibvips=false; it runs everywhere. */
class ImageIoRenditionTest extends RenditionContract {
  @Override
  boolean preferLibvips() {
    return false;
  }

  @Override
  List<String> unsupported() {
    return List.of(".heic", ".avif");
  }

  @Test
  void reportsItself() {
    assertThat(media.engine()).isEqualTo("imageio");
  }
}
