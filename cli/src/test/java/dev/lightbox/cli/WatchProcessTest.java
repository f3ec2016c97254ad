package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lightbox watch} running in a separate JVM while files are written the ways generators write them, with
 * the server down at first, and with the watcher stopped (SIGTERM, SIGINT, SIGKILL) and started again. Every
 * condition is polled with a generous deadline; nothing depends on how fast the machine is.
 */
class WatchProcessTest {
  static final Path MEDIA = Path.of(System.getProperty("lightbox.media.dir"));
  static final Duration DEADLINE = Duration.ofMinutes(3);
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void slowWritesRenamesAndNewFoldersEachEndOnTheServerOnceAndComplete() throws Exception {
    Path out = Files.createDirectories(dir.resolve("output"));
    try (LightboxServer server = WatchTestServer.start(dir, 0, Map.of());
        WatchChild watch = WatchChild.start(args(server.port(), ImportTestServer.apiKey(server), out))) {
      watch.awaitOutput(o -> o.contains("watching " + out), DEADLINE, "the start");

      // Written in chunks with pauses, always through the same open stream: never complete before the close.
      // The pause longer than the settle period is caught by the open-for-write check where /proc tells it.
      byte[] slow = Files.readAllBytes(MEDIA.resolve("ai/comfyui_sdxl.png"));
      Path slowFile = out.resolve("ComfyUI_00001_.png");
      try (OutputStream os = Files.newOutputStream(slowFile)) {
        int chunk = slow.length / 8 + 1;
        for (int i = 0; i < 8; i++) {
          os.write(slow, i * chunk, Math.min(chunk, slow.length - i * chunk));
          os.flush();
          Thread.sleep(i == 4 && OpenForWrite.supported() ? 2_500 : 300);
        }
      }
      // Written under a temporary name, then renamed (as many tools do).
      Path part = out.resolve("ComfyUI_00002_.png.part");
      Files.write(part, Files.readAllBytes(MEDIA.resolve("ai/invokeai_itxt.png")));
      Thread.sleep(1_500); // a whole settle period under the temporary name: it must not go up as such
      Files.move(part, out.resolve("ComfyUI_00002_.png"));
      // A new dated folder, as A1111 makes each day, and a dotfile in it that never goes up.
      Path today = Files.createDirectories(out.resolve("txt2img-images/2026-12-05"));
      Files.write(today.resolve("00001-42.jpg"), Files.readAllBytes(MEDIA.resolve("ai/a1111_sd-webui.jpg")));
      Files.write(today.resolve(".00002-43.jpg"), Files.readAllBytes(MEDIA.resolve("photo/immich_denali.webp")));

      Set<String> expected = Set.of(sha(slow), ImportRun.sha256(out.resolve("ComfyUI_00002_.png")),
          ImportRun.sha256(today.resolve("00001-42.jpg")));
      awaitCatalog(server, expected, watch);
      watch.awaitOutput(o -> o.contains("uploaded " + today.resolve("00001-42.jpg")), DEADLINE, "the log line");
      assertThat(watch.interrupt()).as(watch.output()).isEqualTo(130);
      System.err.println(watch.output()); // in the surefire report, to see what the watcher saw
      assertThat(watch.output()).contains("stopped: ").doesNotContain(".part", ".00002-43");
      assertThat(WatchTestServer.catalogued(server)).as("each file once, and no partial one")
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void filesQueuedWhileTheServerIsDownArriveWhenItComesUpAndRestartsSendNothingTwice() throws Exception {
    Path out = Files.createDirectories(dir.resolve("output"));
    int port;
    String key;
    try (LightboxServer server = WatchTestServer.start(dir, 0, Map.of())) {
      port = server.port();
      key = ImportTestServer.apiKey(server);
    }
    List<String> first = List.of("ai/a1111_sd-webui.jpg", "ai/a1111_sd-webui.webp", "photo/immich_denali.webp");
    Set<String> expected = new HashSet<>();
    try (WatchChild watch = WatchChild.start(args(port, key, out))) {
      watch.awaitOutput(o -> o.contains("watching " + out), DEADLINE, "the start");
      for (String m : first) {
        expected.add(WatchCommandTest.copy(m, out.resolve(Path.of(m).getFileName())));
      }
      watch.awaitOutput(o -> o.contains("cannot reach the server"), DEADLINE, "the failed try");
      awaitQueued(dir.resolve("state/queue.tsv"), first.size());
      watch.kill(); // SIGKILL: the saved queue must carry the files over
    }
    try (WatchChild watch = WatchChild.start(args(port, key, out))) {
      watch.awaitOutput(o -> o.contains("3 files are still queued from the last run")
          && o.contains("cannot reach the server"), DEADLINE, "the queue and a failed try");
      try (LightboxServer server = WatchTestServer.start(dir, port, Map.of())) {
        awaitCatalog(server, expected, watch);
        assertThat(watch.output()).contains("the server answers again");
        assertThat(watch.terminate()).as(watch.output()).isZero();
        assertThat(watch.output()).contains("stopped: ");

        Path later = out.resolve("later/ComfyUI_00003_.png"); // written while no watcher runs
        expected.add(WatchCommandTest.copy("ai/sdparsers_a1111_1x1.png", later));
        try (WatchChild again = WatchChild.start(args(port, key, out))) {
          awaitCatalog(server, expected, again);
          again.awaitOutput(o -> o.contains("uploaded " + later), DEADLINE, "the log line");
          assertThat(again.terminate()).isZero();
          assertThat(again.output()).as("files confirmed before the restart are not sent or checked again")
              .doesNotContain("uploaded " + out.resolve("a1111_sd-webui.jpg"), "already on the server:");
        }
        assertThat(WatchTestServer.catalogued(server)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readAllLines(dir.resolve("state/queue.tsv"))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("state/uploaded.tsv"))).hasSize(expected.size());

        // With --delete-after-upload: a new file goes up and is deleted, the ones confirmed earlier are checked
        // with the server once more and deleted, and a temporary name stays.
        Path newest = out.resolve("later/ComfyUI_00004_.png");
        expected.add(WatchCommandTest.copy("ai/sdparsers_invokeai_imeta1_1x1.png", newest));
        Path temp = out.resolve("later/ComfyUI_00005_.png.tmp");
        WatchCommandTest.copy("ai/sdparsers_a1111_stealth_alpha_64px.png", temp);
        List<String> deleting = args(port, key, out);
        deleting.add("--delete-after-upload");
        try (WatchChild cleaner = WatchChild.start(deleting)) {
          awaitCatalog(server, expected, cleaner);
          cleaner.awaitOutput(o -> o.contains("deleted " + newest), DEADLINE, "the new file's deletion");
          for (String m : first) {
            Path f = out.resolve(Path.of(m).getFileName());
            cleaner.awaitOutput(o -> o.contains("deleted " + f), DEADLINE, "the deletion of " + f);
          }
          assertThat(cleaner.terminate()).isZero();
        }
        try (var left = Files.walk(out)) {
          assertThat(left.filter(Files::isRegularFile).toList()).containsExactly(temp);
        }
        assertThat(WatchTestServer.catalogued(server)).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  List<String> args(int port, String key, Path out) {
    return new ArrayList<>(List.of(out.toString(), "--server", "http://127.0.0.1:" + port, "--key", key,
        "--state", dir.resolve("state").toString(), "--settle", "1s", "--rescan", "3s", "--max-retry-delay", "2s",
        "--status-every", "5s"));
  }

  /** Polls the catalog until it holds exactly {@code expected} (each once); fails on anything else. */
  static void awaitCatalog(LightboxServer server, Set<String> expected, WatchChild watch) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      List<String> shas = WatchTestServer.catalogued(server);
      assertThat(expected).as("only expected files, each once; watcher output:\n%s", watch.output())
          .containsAll(shas);
      assertThat(shas).doesNotHaveDuplicates();
      if (shas.size() == expected.size()) {
        return;
      }
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("the server has " + shas.size() + " of " + expected.size() + " files; watcher:\n"
            + watch.output());
      }
      Thread.sleep(200);
    }
  }

  static void awaitQueued(Path queue, int lines) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!Files.exists(queue) || Files.readAllLines(queue).size() < lines) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("the queue never held " + lines + " files");
      }
      Thread.sleep(100);
    }
  }

  static String sha(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
  }

}
