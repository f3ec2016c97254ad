package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Sidecar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: folder trees shaped like each generator's output (ComfyUI, InvokeAI, A1111 with .txt, Fooocus with
 * log.html, SwarmUI) and a photo folder with .xmp sidecars in both naming conventions, built from the shared
 * media at test time. One run imports exactly the supported files with their sidecars; the second sends
 * nothing; a sidecar added later is attached by the next run.
 */
class ImportToolTreesTest {
  static final String A1111_TXT = "a lighthouse in a storm, dramatic\nNegative prompt: lowres\n"
      + "Steps: 30, Sampler: Euler a, CFG scale: 7, Seed: 12345, Size: 512x512, Model: sd15";
  static final String XMP = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
      + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
      + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"%d\"/></rdf:RDF></x:xmpmeta>";
  @TempDir
  Path dir;
  LightboxServer server;
  String key;
  Path corpus = Path.of(System.getProperty("lightbox.media.dir"));

  @BeforeEach
  void start() throws Exception {
    server = ImportTestServer.start(dir);
    key = ImportTestServer.apiKey(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachToolsOutputTreeGoesInWithItsSidecarsOnceAndALateSidecarIsAttachedNextRun() throws Exception {
    Path root = dir.resolve("library");
    List<Path> media = new ArrayList<>();
    media.add(copy("ai/comfyui_sdxl.png", root.resolve("ComfyUI/output/ComfyUI_00001_.png")));
    media.add(copy("ai/comfyui_comfy-image-saver.png", root.resolve("ComfyUI/output/ComfyUI_00002_.png")));
    media.add(copy("ai/invokeai_itxt.png",
        root.resolve("invokeai/outputs/images/5f1c1b0e-8d1a-4a5e-9a43-0c6f1e2d3b4a.png")));
    Path a1111 = copy("ai/sdparsers_a1111_1x1.png", root.resolve("sd-webui/outputs/txt2img-images/2024-05-01/00001-12345.png"));
    media.add(a1111);
    Path txt = write(a1111.resolveSibling("00001-12345.txt"), A1111_TXT);
    media.add(copy("ai/forge-classic_text.png", root.resolve("Fooocus/outputs/2024-05-01/2024-05-01_10-00-00_1234.png")));
    write(root.resolve("Fooocus/outputs/2024-05-01/log.html"), "<html><body>Fooocus log</body></html>");
    media.add(copy("ai/sdparsers_comfyui_night_evening_day_morning_1x1.png",
        root.resolve("SwarmUI/Output/local/raw/2024-05-01/0001-a city at night.png")));
    Path photo1 = copy("photo/immich_picasa_tags.jpg", root.resolve("Photos/2023/IMG_0001.jpg"));
    Path photo2 = copy("photo/immich_mongolels_rating.jpg", root.resolve("Photos/2023/IMG_0002.JPG"));
    media.add(photo1);
    media.add(photo2);
    Path xmp1 = write(root.resolve("Photos/2023/IMG_0001.xmp"), XMP.formatted(3));
    Path xmp2 = write(root.resolve("Photos/2023/IMG_0002.JPG.xmp"), XMP.formatted(5));
    write(root.resolve("Photos/2023/orphan.xmp"), XMP.formatted(1));

    CommandRun first = run(root);
    assertThat(first.exit()).as("%s", first).isZero();
    assertThat(first.out()).contains("Found 8 media files", "with 3 sidecars", "2 other files skipped",
        "log.html: not a supported image or video format", "orphan.xmp: not a supported image or video format",
        "Uploaded 8 files", "Attached 3 sidecars").doesNotContain("00001-12345.txt:", "IMG_0001.xmp:");

    Set<String> expected = new HashSet<>();
    for (Path m : media) {
      expected.add(ImportRun.sha256(m));
    }
    Map<String, Asset> bySha = catalog();
    assertThat(bySha.keySet()).as("exactly the supported files").isEqualTo(expected);
    assertThat(sidecarsOf(bySha.get(ImportRun.sha256(a1111)))).containsExactly("00001-12345.txt");
    assertThat(sidecarsOf(bySha.get(ImportRun.sha256(photo1)))).containsExactly("IMG_0001.xmp");
    assertThat(sidecarsOf(bySha.get(ImportRun.sha256(photo2)))).containsExactly("IMG_0002.JPG.xmp");
    Asset withTxt = bySha.get(ImportRun.sha256(a1111));
    assertThat(withTxt.metadataJson()).contains("\"seed\":12345", "sidecar:parameters");
    assertThat(withTxt.aiPrompt()).isEqualTo("a lighthouse in a storm, dramatic");
    assertThat(bySha.get(ImportRun.sha256(photo2)).metadataJson()).contains("\"rating\":5");
    Sidecar stored = server.catalog().assets().sidecars().of(withTxt.id()).getFirst();
    assertThat(stored.sha256()).isEqualTo(ImportRun.sha256(txt));

    CommandRun second = run(root);
    assertThat(second.exit()).as("%s", second).isZero();
    assertThat(second.out()).contains("The server already has 8 of them", "0 to upload", "Uploaded 0 files",
        "Attached 0 sidecars").doesNotContain("sidecars to attach");
    assertThat(catalog()).hasSize(8);

    Path late = write(root.resolve("ComfyUI/output/ComfyUI_00001_.json"), "{\"note\": \"not a workflow\"}");
    Files.writeString(xmp1, XMP.formatted(4)); // changed: replaces the kept one
    CommandRun third = run(root);
    assertThat(third.exit()).as("%s", third).isZero();
    assertThat(third.out()).contains("0 to upload", "2 sidecars to attach", "Attached 2 sidecars");
    Map<String, Asset> after = catalog();
    assertThat(sidecarsOf(after.get(ImportRun.sha256(media.getFirst())))).containsExactly(late.getFileName()
        .toString());
    List<Sidecar> photoSidecars = server.catalog().assets().sidecars().of(after.get(ImportRun.sha256(photo1)).id());
    assertThat(photoSidecars).hasSize(1);
    assertThat(photoSidecars.getFirst().sha256()).isEqualTo(ImportRun.sha256(xmp1));
    assertThat(run(root).out()).contains("Attached 0 sidecars").doesNotContain("sidecars to attach");
  }

  CommandRun run(Path root) {
    return CommandRun.of(List.of("import", root.toString(), "--server", server.baseUri().toString(), "--key", key,
        "--state", dir.resolve("state.tsv").toString(), "--jobs", "3"));
  }

  Map<String, Asset> catalog() {
    Map<String, Asset> out = new HashMap<>();
    for (Asset a : server.catalog().assets().pageById(null, 1000)) {
      assertThat(out.put(a.sha256(), a)).as("no duplicates").isNull();
    }
    return out;
  }

  List<String> sidecarsOf(Asset a) {
    return server.catalog().assets().sidecars().of(a.id()).stream().map(Sidecar::name).toList();
  }

  Path copy(String media, Path target) throws Exception {
    Files.createDirectories(target.getParent());
    return Files.copy(corpus.resolve(media), target);
  }

  static Path write(Path target, String text) throws Exception {
    Files.createDirectories(target.getParent());
    return Files.writeString(target, text, StandardCharsets.UTF_8);
  }
}
