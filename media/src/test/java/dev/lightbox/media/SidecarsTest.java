package dev.lightbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sidecar files read with the image metadata parsers, and merged only where the image says nothing. */
class SidecarsTest {
  static final String A1111 = "masterpiece, a cat\nNegative prompt: dog\n"
      + "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 99, Size: 512x768, Model: sd15, Version: f2.0.1";

  @Test
  void typesFollowTheExtension() {
    assertThat(Sidecars.typeOf("00001-12345.txt")).contains(Sidecars.Type.PARAMETERS);
    assertThat(Sidecars.typeOf("IMG_0001.JPG.XMP")).contains(Sidecars.Type.XMP);
    assertThat(Sidecars.typeOf("ComfyUI_00001_.json")).contains(Sidecars.Type.JSON);
    assertThat(Sidecars.typeOf("log.html")).isEmpty();
    assertThat(Sidecars.typeOf(".xmp")).isEmpty();
  }

  @Test
  void anA1111TextIsParsedLikeThePngParametersChunkAndOtherTextIsNot() {
    AiMetadata ai = read(Sidecars.Type.PARAMETERS, A1111).ai();
    assertThat(ai.generator()).isEqualTo("Forge");
    assertThat(ai.prompt()).isEqualTo("masterpiece, a cat");
    assertThat(ai.negativePrompt()).isEqualTo("dog");
    assertThat(ai.seed()).isEqualTo(99L);
    assertThat(ai.width()).isEqualTo(512);
    assertThat(read(Sidecars.Type.PARAMETERS, "shopping list: milk, eggs").ai()).isNull();
  }

  @Test
  void aComfyUiPromptSidecarGivesWhatTheSameJsonInsideThePngGives() throws Exception {
    String prompt = pngText(Files.readAllBytes(Corpus.file("ai/comfyui_sdxl.png")), "prompt");
    String workflow = pngText(Files.readAllBytes(Corpus.file("ai/comfyui_sdxl.png")), "workflow");
    AiMetadata fromSidecar = read(Sidecars.Type.JSON, prompt).ai();
    assertThat(fromSidecar.generator()).isEqualTo("ComfyUI");
    assertThat(fromSidecar.prompt()).isNotBlank();
    assertThat(fromSidecar.seed()).isNotNull();
    AiMetadata history = read(Sidecars.Type.JSON, "{\"prompt\":" + prompt + ",\"workflow\":" + workflow + "}").ai();
    assertThat(history.prompt()).isEqualTo(fromSidecar.prompt());
    assertThat(history.rawWorkflow()).contains("\"nodes\"");
    assertThat(read(Sidecars.Type.JSON, workflow).ai().generator()).isEqualTo("ComfyUI");
  }

  @Test
  void invokeAiMetadataIsRecognisedAndOtherJsonIsOnlyKept() {
    Sidecars.Facts invoke = read(Sidecars.Type.JSON, "{\"generation_mode\":\"txt2img\",\"positive_prompt\":"
        + "\"a castle on a hill\",\"negative_prompt\":\"fog\",\"seed\":7,\"steps\":30,\"cfg_scale\":7.5}");
    assertThat(invoke.ai().generator()).isEqualTo("InvokeAI");
    assertThat(invoke.ai().prompt()).isEqualTo("a castle on a hill");
    assertThat(read(Sidecars.Type.JSON, "{\"note\":\"hello\"}").ai()).isNull();
    Sidecars.Facts broken = read(Sidecars.Type.JSON, "{\"prompt\": ");
    assertThat(broken.ai()).isNull();
    assertThat(broken.warnings()).anyMatch(w -> w.contains("not valid JSON"));
  }

  @Test
  void xmpGivesRatingTitleDescriptionKeywordsAndDate() {
    Sidecars.Xmp x = read(Sidecars.Type.XMP, """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
          xmlns:exif="http://ns.adobe.com/exif/1.0/" xmp:Rating="5" exif:DateTimeOriginal="2019-03-02T08:15:00">
         <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Morning</rdf:li></rdf:Alt></dc:title>
         <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Fog over the lake</rdf:li></rdf:Alt></dc:description>
         <dc:subject><rdf:Bag><rdf:li>lake</rdf:li><rdf:li>fog</rdf:li><rdf:li>lake</rdf:li></rdf:Bag></dc:subject>
        </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""").xmp();
    assertThat(x.rating()).isEqualTo(5);
    assertThat(x.title()).isEqualTo("Morning");
    assertThat(x.description()).isEqualTo("Fog over the lake");
    assertThat(x.keywords()).containsExactly("lake", "fog");
    assertThat(x.captureTime()).hasToString("2019-03-02T08:15Z");
  }

  @Test
  void xmpWithEntitiesOrTooLargeIsNotRead() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        + "<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        + "<dc:description>&lol4;&xxe;</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>";
    Sidecars.Facts f = read(Sidecars.Type.XMP, laughs);
    assertThat(f.xmp()).isNull();
    assertThat(f.warnings()).anyMatch(w -> w.contains("could not be read"));

    byte[] huge = new byte[Sidecars.MAX_BYTES + 1];
    Sidecars.Facts big = Sidecars.read(Sidecars.Type.XMP, huge);
    assertThat(big.xmp()).isNull();
    assertThat(big.warnings()).anyMatch(w -> w.contains("kept but not read"));
  }

  @Test
  void mergeFillsOnlyWhatTheImageLacks() {
    Sidecars.Facts params = read(Sidecars.Type.PARAMETERS, A1111);
    String own = "{\"format\":\"png\",\"ai\":{\"generator\":\"ComfyUI\",\"prompt\":\"own\"},"
        + "\"captureTime\":\"2020-01-01T00:00\"}";
    Sidecars.Facts xmp = read(Sidecars.Type.XMP, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
        + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
        + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"2\" xmp:CreateDate=\"2018-05-05\"/>"
        + "</rdf:RDF></x:xmpmeta>");
    String merged = Sidecars.merge(own, List.of(params, xmp));
    assertThat(merged).contains("\"prompt\":\"own\"", "\"captureTime\":\"2020-01-01T00:00\"", "\"rating\":2")
        .doesNotContain("masterpiece", "captureTimeSource");

    String fromNothing = Sidecars.merge(null, List.of(params, xmp));
    assertThat(fromNothing).contains("\"prompt\":\"masterpiece, a cat\"", "\"source\":\"sidecar:parameters\"",
        "\"captureTime\":\"2018-05-05T00:00Z\"", "\"captureTimeSource\":\"sidecar:xmp\"");
    Sidecars.Facts replaced = read(Sidecars.Type.PARAMETERS, A1111.replace("a cat", "an owl"));
    assertThat(Sidecars.merge(fromNothing, List.of(replaced))).contains("masterpiece, an owl");
  }

  static Sidecars.Facts read(Sidecars.Type type, String text) {
    return Sidecars.read(type, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The text of a PNG tEXt chunk, as a generator wrote it. */
  static String pngText(byte[] png, String keyword) {
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8);
    while (b.remaining() >= 12) {
      int length = b.getInt();
      String type = new String(png, b.position(), 4, StandardCharsets.ISO_8859_1);
      int data = b.position() + 4;
      if (type.equals("tEXt")) {
        int zero = data;
        while (png[zero] != 0) {
          zero++;
        }
        if (new String(png, data, zero - data, StandardCharsets.ISO_8859_1).equals(keyword)) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.write(png, zero + 1, data + length - zero - 1);
          return out.toString(StandardCharsets.ISO_8859_1);
        }
      }
      b.position(data + length + 4);
    }
    throw new AssertionError("no tEXt " + keyword);
  }
}
