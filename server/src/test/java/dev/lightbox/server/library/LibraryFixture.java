package dev.lightbox.server.library;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Libraries built at test time from the shared media in other tools' layouts, and polling helpers. */
final class LibraryFixture {
  static final Duration DEADLINE = Duration.ofMinutes(3);
  /** InvokeAI's image and its own thumbnail. */
  static final String INVOKE_IMAGE = "invokeai/outputs/images/7f3c.png";
  static final String INVOKE_THUMB = "invokeai/outputs/thumbnails/7f3c.webp";
  static final String COMFY = "comfyui/images/2026-01/ComfyUI_00001_.png";
  static final String NOTES = "notes.txt";

  private LibraryFixture() {
  }

  static byte[] media(String relative) {
    try {
      return Files.readAllBytes(Media.file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** genblaze's key of an asset: assets/ab/cd/&lt;sha256&gt;.ext. */
  static String genblazeKey(byte[] bytes, String ext) {
    String sha = sha256(bytes);
    return "assets/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha + "." + ext;
  }

  static String manifest(byte[] asset, String prompt) {
    return "{\"run_id\":\"run-" + sha256(asset).substring(0, 8) + "\",\"steps\":[{\"provider\":\"test\",\"prompt\":\""
        + prompt + "\"}],\"outputs\":[{\"sha256\":\"" + sha256(asset) + "\"}]}";
  }

  /** The files of a layout: key to bytes. */
  static Map<String, byte[]> layouts() {
    Map<String, byte[]> files = new TreeMap<>();
    files.put(INVOKE_IMAGE, media("ai/sdparsers_invokeai_imeta1_1x1.png"));
    files.put(INVOKE_THUMB, media("photo/immich_denali.webp"));
    byte[] gen1 = media("ai/sdparsers_comfyui_night_evening_day_morning_1x1.png");
    byte[] gen2 = media("ai/sdparsers_a1111_usercomment_1x1.jpg");
    files.put("genblaze/" + genblazeKey(gen1, "png"), gen1);
    files.put("genblaze/" + genblazeKey(gen1, "png") + ".manifest.json", manifest(gen1, "night").getBytes());
    files.put("genblaze/" + genblazeKey(gen2, "jpg"), gen2);
    files.put("genblaze/manifests/" + sha256(gen2) + ".json", manifest(gen2, "usercomment").getBytes());
    files.put(COMFY, media("photo/immich_density_plot.png"));
    files.put(NOTES, "not media".getBytes());
    return files;
  }

  static void write(Path root, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  /** Every file and folder under {@code root} (hidden ones too) with the SHA-256 of each file. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String rel = root.relativize(p).toString();
        out.put(rel, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)) + " " + Files.size(p));
      }
    }
    return out;
  }

  static <T> T poll(Supplier<T> read, Predicate<T> done, String what) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("waited " + DEADLINE + " for " + what + "; last seen: " + last);
  }

  static JsonNode library(Http admin, String id) {
    HttpResponse<byte[]> r = admin.get("/api/libraries/" + id);
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    return json(r);
  }

  /** Waits for an idle library whose last scan satisfies {@code done}. */
  static JsonNode awaitScan(Http admin, String id, Predicate<JsonNode> done) {
    return poll(() -> library(admin, id), l -> l.get("state").asText().equals("idle") && l.hasNonNull("lastScan")
        && done.test(l.get("lastScan")), "a scan of library " + id);
  }

  /** Every asset of the caller (one page is enough for these tests). */
  static List<JsonNode> assets(Http user) {
    HttpResponse<byte[]> r = user.get("/api/assets?limit=200");
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    json(r).get("items").forEach(out::add);
    return out;
  }

  static JsonNode assetNamed(Http user, String fileName) {
    return assets(user).stream().filter(a -> a.get("fileName").asText().equals(fileName)).findFirst()
        .orElseThrow(() -> new AssertionError("no asset named " + fileName + " in " + assets(user)));
  }

  static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
