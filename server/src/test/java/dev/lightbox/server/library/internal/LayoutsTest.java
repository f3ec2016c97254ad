package dev.lightbox.server.library.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys of a listing are assets, manifests or other tools' by-products. */
class LayoutsTest {
  private static Layouts of(String... keys) {
    Layouts layouts = new Layouts();
    List.of(keys).forEach(layouts::learn);
    return layouts;
  }

  @Test
  void invokeAiThumbnailsAreSkippedOnlyBesideAnImagesFolder() {
    Layouts l = of("outputs/images/a.png", "outputs/thumbnails/a.webp", "other/thumbnails/b.webp",
        "thumbnails/c.png", "images/d.png");
    assertThat(l.role("outputs/images/a.png")).isEqualTo(Layouts.Role.MEDIA);
    assertThat(l.skipReason("outputs/thumbnails/a.webp")).isEqualTo(Layouts.INVOKEAI_THUMBNAIL);
    assertThat(l.role("other/thumbnails/b.webp")).as("no images/ beside it").isEqualTo(Layouts.Role.MEDIA);
    assertThat(l.skipReason("thumbnails/c.png")).as("at the root, beside images/").isEqualTo(Layouts.INVOKEAI_THUMBNAIL);
  }

  @Test
  void comfyUiCloudStorageFoldersAreJustMedia() {
    Layouts l = of("comfyui/images/2026-01/ComfyUI_00001_.png", "comfyui/images/2026-01/clip.MP4");
    assertThat(l.role("comfyui/images/2026-01/ComfyUI_00001_.png")).isEqualTo(Layouts.Role.MEDIA);
    assertThat(l.role("comfyui/images/2026-01/clip.MP4")).isEqualTo(Layouts.Role.MEDIA);
  }

  @Test
  void genblazeManifestsFindTheirAssets() {
    String sha = "ab".repeat(32);
    Layouts l = of("assets/ab/ab/" + sha + ".png", "assets/ab/ab/" + sha + ".png.manifest.json",
        "x/run.png", "x/run.manifest.json", "manifests/" + sha + ".json", "orphan.manifest.json", "notes.json");
    assertThat(l.role("assets/ab/ab/" + sha + ".png.manifest.json")).isEqualTo(Layouts.Role.MANIFEST);
    assertThat(l.manifestTarget("assets/ab/ab/" + sha + ".png.manifest.json")).isEqualTo("assets/ab/ab/" + sha + ".png");
    assertThat(l.manifestTarget("x/run.manifest.json")).isEqualTo("x/run.png");
    assertThat(l.manifestTarget("orphan.manifest.json")).isNull();
    assertThat(Layouts.manifestSha256("manifests/" + sha + ".json")).isEqualTo(sha);
    assertThat(l.role("manifests/" + sha + ".json")).isEqualTo(Layouts.Role.MANIFEST);
    assertThat(l.skipReason("notes.json")).isEqualTo(Layouts.NOT_MEDIA);
    assertThat(l.role("manifests/not-a-hash.json")).isEqualTo(Layouts.Role.SKIPPED);
  }
}
