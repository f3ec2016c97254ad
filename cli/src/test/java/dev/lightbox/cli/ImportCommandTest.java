package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lightbox.server.LightboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lightbox import} in this JVM against a real server on port 0 with a SQLite catalog and a disk store. */
class ImportCommandTest {
  static final List<String> MEDIA = List.of("ai/comfyui_sdxl.png", "photo/immich_picasa_tags.jpg",
      "ai/a1111_sd-webui.webp", "video/bbb_480p_vp9_opus_1second.webm");
  @TempDir
  Path dir;
  LightboxServer server;
  String key;
  Path tree;

  @BeforeEach
  void start() throws Exception {
    server = ImportTestServer.start(dir);
    key = ImportTestServer.apiKey(server);
    tree = tree();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void importsEachMediaFileOnceSkipsTheRestAndASecondRunUploadsNothing() throws Exception {
    CommandRun dry = run("--dry-run");
    assertThat(dry.exit()).as("%s", dry).isZero();
    assertThat(dry.out()).contains("Found 5 media files", "2 other files skipped",
        "notes.txt: not a supported image or video format", "zero.png: empty (0 bytes)",
        "The server already has 0 of them (1 more are copies of other files here); 4 to upload",
        "Dry run: would upload 4 files (" + Sizes.bytes(mediaBytes()) + "). Nothing was uploaded.");
    assertThat(assetCount()).isZero();

    CommandRun first = run();
    assertThat(first.exit()).as("%s", first).isZero();
    assertThat(first.out()).contains("Uploaded 4 files (" + Sizes.bytes(mediaBytes()) + ")",
        "2 skipped, 0 failed");
    assertThat(assetCount()).isEqualTo(4);

    CommandRun second = run();
    assertThat(second.exit()).as("%s", second).isZero();
    assertThat(second.out()).contains("The server already has 4 of them", "0 to upload", "Uploaded 0 files");
    assertThat(assetCount()).isEqualTo(4);
  }

  @Test
  void theStateFileSparesUnchangedFilesAndNoticesChangedOnes() throws Exception {
    Path state = dir.resolve("state.tsv");
    assertThat(run().exit()).isZero();
    List<String> lines = Files.readAllLines(state);
    assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).matches("[0-9a-f]{64}\t\\d+\t\\d+\t.+"));

    // A remembered hash is trusted while size and time match: a forged one proves the file was not read again.
    Path png = tree.resolve("a/comfyui_sdxl.png");
    String forged = "f".repeat(64);
    Files.write(state, lines.stream().map(l -> l.endsWith("\t" + png) ? forged + l.substring(64) : l).toList());
    CommandRun trusted = run("--dry-run");
    assertThat(trusted.out()).as("%s", trusted).contains("1 to upload");

    Files.setLastModifiedTime(png, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(png)
        .toMillis() - 60_000));
    CommandRun rehashed = run("--dry-run");
    assertThat(rehashed.out()).as("%s", rehashed).contains("0 to upload");
    assertThat(Files.readString(state)).doesNotContain(forged);
  }

  @Test
  void failuresAreListedWithTheirReasonAndTheExitCodeSaysSo() throws Exception {
    CommandRun wrongKey = CommandRun.of(List.of("import", tree.toString(), "--server", server.baseUri().toString(),
        "--key", "lbk_wrong", "--state", dir.resolve("state.tsv").toString()));
    assertThat(wrongKey.exit()).as("%s", wrongKey).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(wrongKey.err()).contains("401", "--key").doesNotContain("lbk_wrong");

    CommandRun noServer = CommandRun.of(List.of("import", tree.toString()));
    assumeTrue(System.getenv("LIGHTBOX_SERVER") == null);
    assertThat(noServer.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(noServer.err()).contains("--server", "LIGHTBOX_API_KEY");

    Path missing = dir.resolve("no-such-folder");
    CommandRun partly = run(missing.toString());
    assertThat(partly.exit()).as("%s", partly).isEqualTo(ImportCommand.SOME_FAILED);
    assertThat(partly.out()).contains("Uploaded 4 files", "1 failed", "Failed (1):", missing + ": does not exist");
  }

  @Test
  void aLinkLoopAndANameThatIsNotUtf8DoNotStopTheRun() throws Exception {
    Files.createSymbolicLink(tree.resolve("a/loop"), tree);
    Path corpus = Path.of(System.getProperty("lightbox.media.dir"));
    Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\" \"$1/$(printf 'bad\\377name')-x.jpg\"",
        corpus.resolve("photo/exiftool_Apple_iPhone7_8x8.jpg").toString(), tree.resolve("b").toString()).start();
    assertThat(cp.waitFor()).isZero();

    CommandRun r = run();
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).contains("loop: a symbolic link loop", "Uploaded 5 files", "0 failed");
    assertThat(assetCount()).isEqualTo(5);
  }

  CommandRun run(String... extra) {
    List<String> args = new ArrayList<>(List.of("import", tree.toString(), "--server", server.baseUri().toString(),
        "--key", key, "--state", dir.resolve("state.tsv").toString(), "--jobs", "3"));
    args.addAll(List.of(extra));
    return CommandRun.of(args);
  }

  /** Media in nested folders (one file twice), a text file and an empty file. */
  Path tree() throws Exception {
    Path root = dir.resolve("tree");
    Path corpus = Path.of(System.getProperty("lightbox.media.dir"));
    for (int i = 0; i < MEDIA.size(); i++) {
      Path target = root.resolve(i % 2 == 0 ? "a" : "b/deeper").resolve(Path.of(MEDIA.get(i)).getFileName());
      Files.createDirectories(target.getParent());
      Files.copy(corpus.resolve(MEDIA.get(i)), target);
    }
    Files.copy(corpus.resolve(MEDIA.getFirst()), root.resolve("b/copy-of-comfyui.png"));
    Files.writeString(root.resolve("b/notes.txt"), "not an image");
    Files.createFile(root.resolve("a/zero.png"));
    return root;
  }

  long mediaBytes() throws Exception {
    long sum = 0;
    for (String m : MEDIA) {
      sum += Files.size(Path.of(System.getProperty("lightbox.media.dir")).resolve(m));
    }
    return sum;
  }

  int assetCount() throws Exception {
    return ImportTestServer.assetCount(server, key);
  }
}
