package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lightbox.server.LightboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lightbox watch --once} in this JVM against a real server (SQLite, disk) on a port of its own, which the
 * tests stop and start again. The continuous mode, signals and restarts are in {@link WatchProcessTest}.
 */
class WatchCommandTest {
  static final Path MEDIA = Path.of(System.getProperty("lightbox.media.dir"));
  @TempDir
  Path dir;

  @Test
  void helpListsTheExitCodesAndMissingSettingsAreExplained() {
    CommandRun help = CommandRun.of(List.of("watch", "--help"));
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Exit codes:", "--delete-after-upload", "--settle", "--once", "130");

    CommandRun badDuration = CommandRun.of(List.of("watch", dir.toString(), "--server", "http://127.0.0.1:9",
        "--key", "k", "--settle", "soon"));
    assertThat(badDuration.exit()).isEqualTo(2);
    assertThat(badDuration.err()).contains("'soon' is not a duration");

    assumeTrue(System.getenv("LIGHTBOX_SERVER") == null && System.getenv("LIGHTBOX_API_KEY") == null);
    CommandRun noServer = CommandRun.of(List.of("watch", dir.toString()));
    assertThat(noServer.exit()).isEqualTo(ErrorHandler.CONFIG_ERROR);
    assertThat(noServer.err()).contains("--server", "LIGHTBOX_API_KEY");
  }

  @Test
  void onceUploadsEachMediaFileLeavesTemporaryNamesAloneAndASecondRunSendsNothing() throws Exception {
    Path out = dir.resolve("output");
    Set<String> expected = new HashSet<>();
    expected.add(copy("ai/comfyui_sdxl.png", out.resolve("ComfyUI_00001_.png")));
    expected.add(copy("ai/invokeai_itxt.png", out.resolve("images/0a1b.png")));
    expected.add(copy("ai/a1111_sd-webui.jpg", out.resolve("txt2img-images/2026-12-05/00001-123.jpg")));
    copy("ai/a1111_sd-webui.webp", out.resolve("ComfyUI_00002_.png.tmp"));
    copy("ai/comfyui_savewebp.webp", out.resolve("clip.webm.part"));
    copy("photo/immich_picasa_tags.jpg", out.resolve(".hidden.jpg"));
    copy("photo/immich_denali.webp", out.resolve(".cache/thumb.webp"));
    Files.writeString(out.resolve("workflow.json"), "{}");

    try (LightboxServer server = WatchTestServer.start(dir, 0, Map.of())) {
      String key = ImportTestServer.apiKey(server);
      CommandRun first = once(server.port(), key, out);
      assertThat(first.exit()).as("%s", first).isZero();
      assertThat(first.out()).contains("done: 3 uploaded", "0 failed, 0 still queued");
      assertThat(WatchTestServer.catalogued(server)).containsExactlyInAnyOrderElementsOf(expected);

      CommandRun second = once(server.port(), key, out);
      assertThat(second.exit()).as("%s", second).isZero();
      assertThat(second.out()).contains("done: 0 uploaded", "0 already on the server").doesNotContain("uploaded /");
      assertThat(WatchTestServer.catalogued(server)).hasSize(3);
      assertThat(List.of("ComfyUI_00001_.png", "images/0a1b.png", "ComfyUI_00002_.png.tmp", ".hidden.jpg"))
          .as("nothing deleted without --delete-after-upload").allMatch(f -> Files.exists(out.resolve(f)));
    }
  }

  @Test
  void filesWaitInTheQueueWhileTheServerIsDownAndOnlyConfirmedOnesAreDeleted() throws Exception {
    Path out = dir.resolve("output");
    Set<String> expected = new HashSet<>();
    Path small = out.resolve("a/small.jpg");
    expected.add(copy("ai/a1111_sd-webui.jpg", small));
    Path other = out.resolve("b/other.webp");
    expected.add(copy("ai/a1111_sd-webui.webp", other));
    Path big = out.resolve("b/too-big.png"); // over the server's upload limit below: refused, so kept
    copy("ai/comfyui_sdxl.png", big);
    Path temp = out.resolve("b/next.png.tmp");
    copy("ai/sdparsers_a1111_1x1.png", temp);

    int port;
    String key;
    Map<String, String> limit = Map.of("LIGHTBOX_MAX_UPLOAD_SIZE", "1MB");
    try (LightboxServer server = WatchTestServer.start(dir, 0, limit)) {
      port = server.port();
      key = ImportTestServer.apiKey(server);
    }
    CommandRun down = once(port, key, out, "--delete-after-upload");
    assertThat(down.exit()).as("%s", down).isEqualTo(ErrorHandler.UNAVAILABLE);
    assertThat(down.err()).contains("cannot reach the server");
    assertThat(down.out()).contains("3 still queued");
    assertThat(Files.readAllLines(dir.resolve("state/queue.tsv"))).hasSize(3);
    assertThat(List.of(small, other, big, temp)).allMatch(Files::exists);

    try (LightboxServer server = WatchTestServer.start(dir, port, limit)) {
      CommandRun up = once(port, key, out, "--delete-after-upload");
      assertThat(up.exit()).as("%s", up).isEqualTo(Watcher.SOME_FAILED);
      assertThat(up.out()).contains("3 files are still queued from the last run", "done: 2 uploaded", "2 deleted",
          "1 failed", "0 still queued");
      assertThat(up.err()).contains("failed " + big, "413");
      assertThat(WatchTestServer.catalogued(server)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(small).doesNotExist();
      assertThat(other).doesNotExist();
      assertThat(big).exists();
      assertThat(temp).exists();
      assertThat(Files.readAllLines(dir.resolve("state/queue.tsv"))).isEmpty();
    }
  }

  @Test
  void aFileAlreadyUploadedWithoutDeletionIsDeletedOnceTheServerConfirmsIt() throws Exception {
    Path out = dir.resolve("output");
    Path file = out.resolve("x.jpg");
    String sha = copy("ai/a1111_sd-webui.jpg", file);
    try (LightboxServer server = WatchTestServer.start(dir, 0, Map.of())) {
      String key = ImportTestServer.apiKey(server);
      assertThat(once(server.port(), key, out).exit()).isZero();
      assertThat(file).exists();

      CommandRun delete = once(server.port(), key, out, "--delete-after-upload");
      assertThat(delete.exit()).as("%s", delete).isZero();
      assertThat(delete.out()).contains("already on the server: " + file, "deleted " + file);
      assertThat(file).doesNotExist();
      assertThat(WatchTestServer.catalogued(server)).containsExactly(sha);
    }
  }

  CommandRun once(int port, String key, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("watch", out.toString(), "--once", "--server",
        "http://127.0.0.1:" + port, "--key", key, "--state", dir.resolve("state").toString(), "--settle", "200ms",
        "--max-retry-delay", "1s"));
    args.addAll(List.of(extra));
    return CommandRun.of(args);
  }

  /** Copies a corpus file to {@code target} and returns its SHA-256. */
  static String copy(String media, Path target) throws Exception {
    Files.createDirectories(target.getParent());
    Files.write(target, Files.readAllBytes(MEDIA.resolve(media)));
    return ImportRun.sha256(target);
  }
}
