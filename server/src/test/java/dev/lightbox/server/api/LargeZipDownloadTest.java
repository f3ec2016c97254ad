package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.ChildServerMain;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.server.testing.ZipTools;
import dev.lightbox.storage.BlobKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives past the classic ZIP limits, through the real route: more than 4 GiB (one entry of more than
 * 4 GiB, entries and a central directory beyond 4 GiB) from a server whose heap is 128 MiB, and more than
 * 65,535 entries. The files are placed in the disk store directly (sparse, with a pattern written every
 * 256 MiB, so they cost little disk and time) and catalogued through the repository; the archives are
 * checked with unzip -t, Python's zipfile (every CRC) and java.util.zip.ZipFile.
 */
class LargeZipDownloadTest {
  private static final long GIB = 1L << 30;
  private static final Instant TAKEN = Instant.parse("2025-06-01T08:00:00Z");

  @TempDir
  Path dir;

  @Test
  void aMultiGibArchiveStreamsFromASmallHeap() throws Exception {
    Path data = dir.resolve("data");
    Path storage = data.resolve("storage");
    String dbUrl = TestDatabases.newDatabase(TestDatabases.SQLITE, dir.resolve("db"));
    record Planned(String key, String name, long size) {
    }
    List<Planned> files = List.of(new Planned("big/huge.bin", "movie.mp4", 4 * GIB + 12_345),
        new Planned("big/second.bin", "movie.mp4", 3L * 1024 * 1024 + 7),
        new Planned("big/notes.txt", "notes.txt", 5));
    for (Planned p : files) {
      sparseFile(storage.resolve(p.key()), p.size());
    }
    Process child = startChild(data, dbUrl);
    try {
      URI base = URI.create("http://127.0.0.1:" + awaitPort(child));
      Http admin = Users.admin(new Http(base));
      String ownerId = json(admin.get("/api/me")).get("id").asText();
      List<String> ids = new ArrayList<>();
      try (Catalog catalog = Catalog.open(dbUrl, null, null)) {
        for (Planned p : files) {
          ids.add(insert(catalog.assets(), ownerId, p.name(), p.size(), p.key()));
        }
      }

      Path zip = dir.resolve("big.zip");
      long downloading = System.nanoTime();
      HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/downloads/zip"))
          .header("Cookie", admin.header("Cookie")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"assetIds\":[\"" + String.join("\",\"", ids) + "\"]}"))
          .build(), HttpResponse.BodyHandlers.ofFile(zip));
      assertThat(r.statusCode()).isEqualTo(200);
      System.out.printf("download of %d bytes: %d ms%n", Files.size(zip), (System.nanoTime() - downloading) / 1_000_000);
      assertThat(Files.size(zip)).as("more than 4 GiB").isGreaterThan(4 * GIB);
      assertThat(r.headers().firstValueAsLong("Content-Length")).as("the length announced is the length sent")
          .hasValue(Files.size(zip));
      assertThat(child.isAlive()).as("the 128 MiB server is still up").isTrue();

      List<String> names = List.of("movie.mp4", "movie (1).mp4", "notes.txt");
      try (ZipFile z = new ZipFile(zip.toFile())) {
        assertThat(z.stream().map(ZipEntry::getName).toList()).containsExactlyElementsOf(names);
        for (int i = 0; i < names.size(); i++) {
          ZipEntry e = z.getEntry(names.get(i));
          assertThat(e.getSize()).isEqualTo(files.get(i).size());
          assertSameSamples(z, e, storage.resolve(files.get(i).key()));
        }
      }
      long started = System.nanoTime();
      List<ZipTools.PyEntry> py = ZipTools.python(zip); // reads every byte and checks every CRC
      System.out.printf("python zipfile: %d ms%n", (System.nanoTime() - started) / 1_000_000);
      assertThat(py).extracting(ZipTools.PyEntry::name).containsExactlyElementsOf(names);
      try (ZipFile z = new ZipFile(zip.toFile())) {
        assertThat(py).extracting(ZipTools.PyEntry::crc)
            .containsExactlyElementsOf(names.stream().map(n -> z.getEntry(n).getCrc()).toList());
      }
      started = System.nanoTime();
      ZipTools.unzipTest(zip);
      System.out.printf("unzip -t: %d ms%n", (System.nanoTime() - started) / 1_000_000);
      Files.delete(zip);
    } finally {
      child.getOutputStream().close();
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    String childOutput = Files.readString(dir.resolve("child.log"));
    assertThat(childOutput).doesNotContain("OutOfMemoryError");
  }

  @Test
  void moreThan65535EntriesWithOneRepeatedName() throws Exception {
    int count = 65_540;
    long began = System.nanoTime();
    try (LightboxServer server = TestServer.on(TestDatabases.SQLITE, dir).start()) {
      Http admin = Users.admin(new Http(server.baseUri()));
      String ownerId = json(admin.get("/api/me")).get("id").asText();
      Path file = server.config().dataDir().resolve("storage/tiny/same.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "hello\n");
      List<String> ids = new ArrayList<>(count);
      server.catalog().useTransaction(h -> { // one batch: the repository's one insert per asset takes minutes
        var batch = h.prepareBatch("INSERT INTO assets (id, owner_id, sha256, size_bytes, media_type,"
            + " original_name, original_location, taken_at, created_at, updated_at, version)"
            + " VALUES (:id, :owner, :sha, 6, 'text/plain', 'same.txt', 'disk:tiny/same.txt', :t, :t, :t, 1)");
        for (int i = 0; i < count; i++) {
          String id = UUID.randomUUID().toString();
          ids.add(id);
          batch.bind("id", id).bind("owner", ownerId).bind("sha", String.format("%064x", i))
              .bind("t", TAKEN.toEpochMilli()).add();
        }
        batch.execute();
      });

      System.out.printf("log-in and %d rows: %d ms%n", count, (System.nanoTime() - began) / 1_000_000);
      Path zip = dir.resolve("many.zip");
      long downloading = System.nanoTime();
      HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              server.baseUri().resolve("/api/downloads/zip")).header("Cookie", admin.header("Cookie"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"assetIds\":[\"" + String.join("\",\"", ids) + "\"]}"))
          .build(), HttpResponse.BodyHandlers.ofFile(zip));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(zip));
      System.out.printf("download of %d entries: %d ms%n", count, (System.nanoTime() - downloading) / 1_000_000);
      try (ZipFile z = new ZipFile(zip.toFile())) {
        assertThat(z.size()).isEqualTo(count);
        assertThat(z.getEntry("same (65539).txt").getSize()).isEqualTo(6);
      }
      long checking = System.nanoTime();
      List<ZipTools.PyEntry> py = ZipTools.python(zip);
      assertThat(py).hasSize(count);
      assertThat(py.get(0).name()).isEqualTo("same.txt");
      assertThat(py.get(1).name()).isEqualTo("same (1).txt");
      ZipTools.unzipTest(zip);
      System.out.printf("python and unzip: %d ms%n", (System.nanoTime() - checking) / 1_000_000);
    }
  }

  private static String insert(AssetRepository repository, String ownerId, String name, long size, String key) {
    String id = UUID.randomUUID().toString();
    repository.insert(new Asset(id, ownerId, UUID.randomUUID().toString().replace("-", "") + "0".repeat(32), size,
        "application/octet-stream", name, new Location(StorageBackend.DISK, BlobKey.of(key)), null, null, null,
        TAKEN, null, null, null, TAKEN, TAKEN, 1, Map.of()));
    return id;
  }

  /** A sparse file of {@code size} bytes holding a 64 KiB pattern at every 256 MiB and at its end. */
  private static void sparseFile(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
      for (long at : samplePositions(size)) {
        byte[] block = pattern(at);
        raf.seek(at);
        raf.write(block, 0, (int) Math.min(block.length, size - at));
      }
    }
  }

  private static List<Long> samplePositions(long size) {
    List<Long> at = new ArrayList<>();
    for (long p = 0; p < size; p += 256L * 1024 * 1024) {
      at.add(p);
    }
    at.add(Math.max(0, size - PATTERN));
    return at;
  }

  private static final int PATTERN = 64 * 1024;

  private static byte[] pattern(long position) {
    byte[] b = new byte[PATTERN];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + (i >> 8) + position / PATTERN);
    }
    return b;
  }

  /**
   * The entry's bytes at the sampled positions and just before them (zeros in the holes) equal the file's:
   * an independent check of the data beside the readers' CRC checks, without reading gigabytes again.
   */
  private static void assertSameSamples(ZipFile z, ZipEntry e, Path source) throws IOException {
    List<Long> positions = samplePositions(e.getSize());
    try (RandomAccessFile raf = new RandomAccessFile(source.toFile(), "r")) {
      for (long at : positions) {
        long from = Math.max(0, at - 16);
        int length = (int) Math.min(PATTERN + 16, e.getSize() - from);
        byte[] expected = new byte[length];
        raf.seek(from);
        raf.readFully(expected);
        try (var in = z.getInputStream(e)) {
          in.skipNBytes(from);
          assertThat(in.readNBytes(length)).as(e.getName() + " at " + from).isEqualTo(expected);
        }
      }
    }
  }

  private Process startChild(Path data, String dbUrl) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), ChildServerMain.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("LIGHTBOX_"));
    pb.environment().putAll(Map.of("LIGHTBOX_DATA_DIR", data.toString(), "LIGHTBOX_HOST", "127.0.0.1",
        "LIGHTBOX_PORT", "0", "LIGHTBOX_DB_URL", dbUrl, "LIGHTBOX_ADMIN_EMAIL", TestServer.ADMIN_EMAIL,
        "LIGHTBOX_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD));
    pb.redirectError(dir.resolve("child.log").toFile());
    return pb.start();
  }

  private static int awaitPort(Process child) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("LISTENING ")) {
        Thread drain = new Thread(() -> {
          try {
            out.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // the child ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
      }
    }
    throw new IllegalStateException("the child server ended before listening; see its log");
  }
}
