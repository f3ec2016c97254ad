package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact prompt, seed and model of every AI sample in the corpus (checked against exiftool's view). */
class AiMetadataCorpusTest {
  private static final String MIKU = "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, ";
  private static final String NEGATIVE = "bad quality, worst quality, worst detail, sketch, censor, \n";
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

  static AiMetadata ai(String file) {
    MediaAnalysis a = media.analyze(Corpus.file(file), file);
    assertThat(a.warnings()).as(file + " warnings").isEmpty();
    assertThat(a.ai()).as(file + " AI metadata").isNotNull();
    return a.ai();
  }

  static void expect(AiMetadata ai, String generator, String prompt, String negative, String model, long seed,
      int steps, String sampler, double cfg) {
    assertThat(ai.generator()).isEqualTo(generator);
    assertThat(ai.prompt()).isEqualTo(prompt);
    assertThat(ai.negativePrompt()).isEqualTo(negative);
    assertThat(ai.model()).isEqualTo(model);
    assertThat(ai.seed()).isEqualTo(seed);
    assertThat(ai.steps()).isEqualTo(steps);
    assertThat(ai.sampler()).isEqualTo(sampler);
    assertThat(ai.cfgScale()).isEqualTo(cfg);
  }

  @Test
  void comfyUiPngPromptGraph() {
    AiMetadata ai = ai("ai/comfyui_sdxl.png");
    expect(ai, "ComfyUI", MIKU.replace("miku, ", "miku, テスト, "), NEGATIVE, "waiIllustriousSDXL_v160",
        422847914351919L, 20, "euler_ancestral", 5.0);
    assertThat(ai.width()).isEqualTo(1024);
    assertThat(ai.rawWorkflow()).startsWith("{\"id\": \"00000000-0000-0000-0000-000000000000\"").hasSize(4092);
    assertThat(ai.rawChunks()).containsKeys("prompt", "workflow");
  }

  @Test
  void comfyUiGraphWinsOverImageSaverParameters() {
    AiMetadata ai = ai("ai/comfyui_comfy-image-saver.png");
    expect(ai, "ComfyUI", MIKU, NEGATIVE, "waiIllustriousSDXL_v160", 106744160813738L, 20, "euler_ancestral", 5.0);
    assertThat(ai.rawChunks().get("parameters")).startsWith("unknown\nNegative prompt: unknown");
  }

  @Test
  void comfyUiMultiAreaWorkflowFollowsTheFirstPassSampler() {
    AiMetadata ai = ai("ai/sdparsers_comfyui_night_evening_day_morning_1x1.png");
    assertThat(ai.generator()).isEqualTo("ComfyUI");
    assertThat(ai.seed()).isEqualTo(335608130539327L);
    assertThat(ai.steps()).isEqualTo(13);
    assertThat(ai.sampler()).isEqualTo("dpmpp_sde");
    assertThat(ai.cfgScale()).isEqualTo(8.5);
    assertThat(ai.model()).isEqualTo("Anything-V3.0");
    assertThat(ai.width()).isEqualTo(704);
    assertThat(ai.height()).isEqualTo(1280);
    assertThat(ai.prompt().split("\n")).hasSize(5)
        .contains("(best quality) (daytime:1.2) sky (blue)", "(masterpiece) (best quality) morning sky");
    assertThat(ai.negativePrompt()).startsWith("(hands), text, error, cropped").endsWith("(pumpkin)");
  }

  @Test
  void comfyUiWebpExifMakeAndModel() {
    AiMetadata ai = ai("ai/comfyui_savewebp.webp");
    expect(ai, "ComfyUI", MIKU.replace("miku, ", "miku, テスト, "), NEGATIVE, "waiIllustriousSDXL_v160",
        270932924124066L, 20, "euler_ancestral", 5.0);
    assertThat(ai.rawWorkflow()).startsWith("{\"id\": \"4963b913-1d6b-411c-ae00-58392a13ee74\"");
  }

  @Test
  void comfyUiJpegWithA1111StyleUserComment() {
    AiMetadata ai = ai("ai/comfyui_saveimagewithmetadata.jpeg");
    expect(ai, "AUTOMATIC1111", MIKU, NEGATIVE, "waiIllustriousSDXL_v160", 347382230306562L, 20,
        "euler_ancestral_karras", 5.0);
  }

  @Test
  void invokeAiItxtMetadataAndGraph() {
    AiMetadata ai = ai("ai/invokeai_itxt.png");
    expect(ai, "InvokeAI", "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, #テスト\n",
        NEGATIVE, "waiIllustriousSDXL_v160", 3951921344L, 24, "euler_a", 6.0);
    assertThat(ai.rawWorkflow()).startsWith("{\"id\":\"sdxl_graph:DSWne4QAzS\"");
  }

  @Test
  void invokeAiTextChunk() {
    AiMetadata ai = ai("ai/sdparsers_invokeai_imeta1_1x1.png");
    expect(ai, "InvokeAI", "digital artwork, oil painting. painterly brushstrokes, holidays,",
        "grainy+, photo, oversaturated, overexposed, blurry, compressed jpg+, noisy++, unfocused , black and white",
        "juggernautXL", 3293022630L, 35, "euler", 8.0);
  }

  @Test
  void automatic1111InPngItxtJpegAndWebpUserComment() {
    String prompt = "general, masterpiece, best quality, amazing quality, \n1girl, solo, hatsune miku, テスト\n";
    expect(ai("ai/a1111_sd-webui_itxt.png"), "AUTOMATIC1111", prompt, NEGATIVE, "waiIllustriousSDXL_v160",
        3782896554L, 20, "DPM++ 2M", 7.0);
    expect(ai("ai/a1111_sd-webui.jpg"), "AUTOMATIC1111", prompt, NEGATIVE, "waiIllustriousSDXL_v160",
        3623174757L, 20, "DPM++ 2M", 5.5);
    expect(ai("ai/a1111_sd-webui.webp"), "AUTOMATIC1111", prompt, NEGATIVE, "waiIllustriousSDXL_v160",
        1028435836L, 20, "DPM++ 2M", 5.5);
  }

  @Test
  void forgeIsToldApartByItsVersion() {
    expect(ai("ai/forge-classic_text.png"), "Forge", MIKU, NEGATIVE.strip() + " ", "waiIllustriousSDXL_v160",
        1239240392L, 20, "DPM++ 2M", 6.0);
  }

  @Test
  void sdParsersDuckInPngJpegAndZtxtAfterImageData() {
    for (String f : new String[] {"ai/sdparsers_a1111_1x1.png", "ai/sdparsers_a1111_usercomment_1x1.jpg",
        "edge/text_after_idat_ztxt_parameters.png"}) {
      AiMetadata ai = ai(f);
      expect(ai, "AUTOMATIC1111", "photo of a duck", "monochrome", "realistic_realisticVisionV20_v20", 235284042L, 15,
          "UniPC", 5.0);
      assertThat(ai.width()).isEqualTo(512);
      assertThat(ai.height()).isEqualTo(400);
    }
  }

  @Test
  void stealthPngInfoInAlphaChannel() {
    AiMetadata ai = ai("ai/sdparsers_a1111_stealth_alpha_64px.png");
    expect(ai, "AUTOMATIC1111", "a circle", "a square", "realisticVisionV51_v51VAE", 2015833630L, 20, "Euler", 7.0);
  }

  @Test
  void c2paManifestAndClaimGenerator() {
    MediaAnalysis a = media.analyze(Corpus.file("ai/chatgpt_c2pa.png"), "chatgpt_c2pa.png");
    assertThat(a.ai().c2paPresent()).isTrue();
    assertThat(a.ai().c2paClaimGenerator()).isEqualTo("OpenAI Media Service API");
    assertThat(a.ai().prompt()).isNull();
    assertThat(a.metadataJson()).contains("\"claimGenerator\":\"OpenAI Media Service API\"");
  }

  @Test
  void strippedAiImageAndPlainPhotosHaveNoAiMetadata() {
    for (String f : new String[] {"edge/ai_metadata_stripped.jpg", "photo/immich_density_plot.png",
        "photo/nikon_E950_makernote.jpg", "photo/exiftool_PNG_xmp.png"}) {
      MediaAnalysis a = media.analyze(Corpus.file(f), f);
      assertThat(a.ai()).as(f).isNull();
    }
    MediaAnalysis plot = media.analyze(Corpus.file("photo/immich_density_plot.png"), "plot.png");
    assertThat(plot.metadataJson()).contains("\"Software\":");
  }
}
