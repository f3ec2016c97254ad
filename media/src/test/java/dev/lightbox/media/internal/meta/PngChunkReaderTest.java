package dev.lightbox.media.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.media.AiMetadata;
import dev.lightbox.media.internal.ai.AiMetadataParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PngChunkReaderTest {
  static final byte[] SIG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  static byte[] chunk(String type, byte[] body, boolean goodCrc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(body.length).array());
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(t);
    out.writeBytes(body);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(body);
    out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue() ^ (goodCrc ? 0 : 1)).array());
    return out.toByteArray();
  }

  static byte[] png(byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIG);
    out.writeBytes(chunk("IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0}, true));
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  static byte[] text(String key, String value) {
    return (key + "\0" + value).getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] itxt(String key, String value, boolean compress) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((key + "\0").getBytes(StandardCharsets.ISO_8859_1));
    b.write(compress ? 1 : 0);
    b.write(0);
    b.writeBytes("ja\0\0".getBytes(StandardCharsets.ISO_8859_1));
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (compress) {
      Deflater d = new Deflater();
      d.setInput(utf8);
      d.finish();
      byte[] buf = new byte[utf8.length + 64];
      utf8 = java.util.Arrays.copyOf(buf, d.deflate(buf));
    }
    b.writeBytes(utf8);
    return b.toByteArray();
  }

  @Test
  void badCrcAndTruncatedJsonAreWarningsWhileOtherChunksStillParse() throws Exception {
    byte[] file = png(
        chunk("tEXt", text("workflow", "{\"nodes\": [1, 2"), false),
        chunk("tEXt", text("prompt", "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 5"), true),
        chunk("IDAT", new byte[] {1, 2, 3}, true),
        chunk("iTXt", itxt("parameters", "猫\nNegative prompt: 犬\nSteps: 7, Seed: 9, Model: m.safetensors", true),
            true),
        chunk("IEND", new byte[0], true));
    PngScan scan = PngChunkReader.read(new ByteArrayInputStream(file));
    assertThat(scan.warnings()).singleElement().asString().contains("tEXt chunk 'workflow' has a bad CRC");
    assertThat(scan.texts()).extracting(PngText::keyword).containsExactly("prompt", "parameters");
    assertThat(scan.texts().get(1).afterImageData()).isTrue();
    Map<String, String> texts = new LinkedHashMap<>();
    scan.texts().forEach(t -> texts.put(t.keyword(), t.text()));
    List<String> warnings = new ArrayList<>();
    AiMetadata ai = AiMetadataParser.parse(texts, false, null, warnings);
    assertThat(warnings).singleElement().asString().startsWith("ComfyUI prompt is not valid JSON");
    assertThat(ai.generator()).isEqualTo("AUTOMATIC1111");
    assertThat(ai.prompt()).isEqualTo("猫");
    assertThat(ai.negativePrompt()).isEqualTo("犬");
    assertThat(ai.seed()).isEqualTo(9L);
    assertThat(ai.model()).isEqualTo("m");
  }

  @Test
  void truncatedFileAndBadZtxtAreReportedNotThrown() throws Exception {
    byte[] whole = png(chunk("zTXt", text("parameters", "\0not zlib"), true), chunk("IEND", new byte[0], true));
    PngScan scan = PngChunkReader.read(new ByteArrayInputStream(whole));
    assertThat(scan.warnings()).singleElement().asString().contains("zTXt chunk 'parameters' could not be decoded");
    PngScan cut = PngChunkReader.read(new ByteArrayInputStream(java.util.Arrays.copyOf(whole, whole.length - 20)));
    assertThat(cut.warnings()).anyMatch(w -> w.contains("truncated") || w.contains("IEND"));
  }

  @Test
  void novelAiSwarmUiFooocusAndLegacyInvokeAi() {
    List<String> w = new ArrayList<>();
    AiMetadata nai = AiMetadataParser.parse(Map.of("Software", "NovelAI", "Source", "NovelAI Diffusion V3 4BDE2A90",
        "Description", "1girl", "Comment", "{\"prompt\": \"1girl, best\", \"uc\": \"lowres\", \"steps\": 28, "
            + "\"scale\": 5.0, \"seed\": 123, \"sampler\": \"k_euler\", \"width\": 832, \"height\": 1216}"), false,
        null, w);
    assertThat(nai.generator()).isEqualTo("NovelAI");
    assertThat(nai.prompt()).isEqualTo("1girl, best");
    assertThat(nai.negativePrompt()).isEqualTo("lowres");
    assertThat(nai.model()).isEqualTo("NovelAI Diffusion V3 4BDE2A90");
    assertThat(nai.cfgScale()).isEqualTo(5.0);
    AiMetadata swarm = AiMetadataParser.parse(Map.of("parameters", "{\"sui_image_params\": {\"prompt\": \"a fox\", "
        + "\"negativeprompt\": \"blur\", \"model\": \"OfficialStableDiffusion/sd_xl_base_1.0\", \"seed\": 77, "
        + "\"steps\": 30, \"cfgscale\": 6.5, \"sampler\": \"euler\", \"width\": 1024, \"height\": 768}}"), false, null,
        w);
    assertThat(swarm.generator()).isEqualTo("SwarmUI");
    assertThat(swarm.model()).isEqualTo("sd_xl_base_1.0");
    assertThat(swarm.seed()).isEqualTo(77L);
    AiMetadata fooocus = AiMetadataParser.parse(Map.of("fooocus_scheme", "fooocus", "parameters", "{\"prompt\": "
        + "\"a lake\", \"negative_prompt\": \"\", \"base_model\": \"juggernautXL_v8Rundiffusion.safetensors\", "
        + "\"guidance_scale\": 4, \"seed\": \"1234\", \"steps\": 30, \"sampler\": \"dpmpp_2m_sde_gpu\", "
        + "\"resolution\": \"(1152, 896)\", \"version\": \"Fooocus v2.5.5\"}"), false, null, w);
    assertThat(fooocus.generator()).isEqualTo("Fooocus");
    assertThat(fooocus.model()).isEqualTo("juggernautXL_v8Rundiffusion");
    assertThat(fooocus.seed()).isEqualTo(1234L);
    assertThat(fooocus.width()).isEqualTo(1152);
    AiMetadata dream = AiMetadataParser.parse(Map.of("Dream", "\"a red barn [fog, blur]\" -s 50 -S 42 -W 512 -H 768 "
        + "-C 7.5 -A k_lms"), false, null, w);
    assertThat(dream.generator()).isEqualTo("InvokeAI");
    assertThat(dream.prompt()).isEqualTo("a red barn");
    assertThat(dream.negativePrompt()).isEqualTo("fog, blur");
    assertThat(dream.seed()).isEqualTo(42L);
    assertThat(dream.height()).isEqualTo(768);
    assertThat(w).isEmpty();
  }
}
