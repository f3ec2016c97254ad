package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: bad input in the tree never stops the run; each file gets its own line with the reason. Unreadable
 * (mode 000; as root that is readable, so a file turned into a folder after the scan stands in for it), a link
 * loop, files that vanish after the scan or after hashing, an empty file, a name that is not UTF-8.
 */
class ImportBadInputTest {
  @TempDir
  Path dir;
  LightboxServer server;
  String key;
  Path tree;
  Path corpus = Path.of(System.getProperty("lightbox.media.dir"));

  @BeforeEach
  void start() throws Exception {
    server = ImportTestServer.start(dir);
    key = ImportTestServer.apiKey(server);
    tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("sub"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    Path locked = tree.resolve("locked.png");
    if (Files.exists(locked)) {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void eachBadFileIsReportedWithItsReasonAndTheRestGoesIn() throws Exception {
    copy("ai/comfyui_sdxl.png", "good.png");
    copy("photo/immich_picasa_tags.jpg", "good-sidecar.jpg");
    Files.writeString(tree.resolve("good-sidecar.xmp"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
    Path locked = copy("ai/sdparsers_a1111_1x1.png", "locked.png");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    boolean rootReadsAnyway = Files.isReadable(locked);
    Path swapped = copy("ai/invokeai_itxt.png", "swapped.png");
    Path goneBeforeHash = copy("ai/forge-classic_text.png", "gone-before-hash.png");
    Path goneBeforeUpload = copy("ai/a1111_sd-webui.webp", "gone-before-upload.webp");
    Path sidecarGone = copy("photo/immich_mongolels_rating.jpg", "with-vanishing-sidecar.jpg");
    Path vanishingSidecar = tree.resolve("with-vanishing-sidecar.txt");
    Files.writeString(vanishingSidecar, "a cat\nSteps: 20, Seed: 1");
    Files.createFile(tree.resolve("zero.png"));
    Files.createSymbolicLink(tree.resolve("sub/loop"), tree);
    Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1/$(printf 'bad\\377name')-x.jpg\"",
        corpus.resolve("photo/exiftool_Apple_iPhone7_8x8.jpg").toString(), tree.toString()).start();
    assertThat(cp.waitFor()).isZero();

    Output out = run(phase -> {
      try {
        if (phase.equals("scanned")) {
          Files.delete(goneBeforeHash);
          Files.delete(swapped);
          Files.createDirectory(swapped); // unreadable as a file, for root too
        } else if (phase.equals("hashed")) {
          Files.delete(goneBeforeUpload);
          Files.delete(vanishingSidecar);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(out.exit()).as("%s", out).isEqualTo(ImportCommand.SOME_FAILED);
    assertThat(out.out()).contains(
        "skipped " + tree.resolve("zero.png") + ": empty (0 bytes)",
        "skipped " + tree.resolve("sub/loop") + ": a symbolic link loop",
        goneBeforeHash + ": vanished while reading",
        swapped + ": cannot be read",
        goneBeforeUpload + ": vanished before its upload",
        vanishingSidecar + ": sidecar of with-vanishing-sidecar.jpg: vanished before its upload",
        "Run the same command again to retry them");
    if (!rootReadsAnyway) {
      assertThat(out.out()).contains(locked + ": cannot be read (permission denied)");
    }
    int uploaded = rootReadsAnyway ? 5 : 4; // good, good-sidecar, with-vanishing-sidecar, the non-UTF-8 name
    assertThat(out.out()).contains("Uploaded " + uploaded + " files", "Attached 1 sidecars");
    assertThat(server.catalog().assets().count()).isEqualTo(uploaded);
    assertThat(out.out().lines().filter(l -> l.contains("name-x.jpg")).toList()).as("the non-UTF-8 name went in")
        .isEmpty();
  }

  record Output(int exit, String out, String err) {
  }

  Output run(Consumer<String> phase) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ImportClient client = new ImportClient(server.baseUri(), key, 2);
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new ImportRun(client, 2, false, dir.resolve("state.tsv"), o, e, false).onPhase(phase)
          .run(List.of(tree));
    }
    return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path copy(String media, String name) throws Exception {
    return Files.copy(corpus.resolve(media), tree.resolve(name));
  }
}
