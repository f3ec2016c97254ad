package dev.lightbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.S3Stores;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.disk.DiskBlobStore;
import dev.lightbox.storage.internal.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A library for command tests: a data dir with a SQLite catalog and a disk store, a bucket, and the config
 * file the command reads. Assets go straight into the stores and the catalog (fast enough for thousands).
 */
final class TestLibrary {
  final Path configFile;
  final ServerConfig config;
  final Map<String, String> settings = new HashMap<>();

  TestLibrary(Path dir, URI s3Endpoint, String region, String accessKey, String secretKey, String bucket) {
    settings.put("LIGHTBOX_DATA_DIR", dir.resolve("data").toString());
    settings.put("LIGHTBOX_S3_BUCKET", bucket);
    settings.put("LIGHTBOX_S3_ENDPOINT", s3Endpoint.toString());
    settings.put("LIGHTBOX_S3_REGION", region);
    settings.put("LIGHTBOX_S3_ACCESS_KEY_ID", accessKey);
    settings.put("LIGHTBOX_S3_SECRET_ACCESS_KEY", secretKey);
    configFile = dir.resolve("lightbox.conf");
    writeConfig();
    config = ConfigLoader.fromMap(settings);
    try {
      Files.createDirectories(config.diskRoot());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeConfig() {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    try {
      Files.createDirectories(configFile.getParent());
      Files.writeString(configFile, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} assets on disk, each with an original and both renditions of random bytes. */
  void populate(int n, int maxOriginal, long seed) {
    String ownerId = UUID.randomUUID().toString();
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      catalog.users().insert(new User(ownerId, "owner-" + seed + "@example.com", "Owner", "x", false, Instant.now()));
    }
    populate(ownerId, n, maxOriginal, seed);
  }

  /** Like {@link #populate(int, int, long)}, owned by an existing user. */
  void populate(String ownerId, int n, int maxOriginal, long seed) {
    Random random = new Random(seed);
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null);
        BlobStore disk = DiskBlobStore.open(config.diskRoot())) {
      User owner = catalog.users().findById(ownerId).orElseThrow();
      for (int i = 0; i < n; i++) {
        String id = UUID.randomUUID().toString();
        byte[] original = bytes(random, 500 + random.nextInt(maxOriginal));
        Location loc = new Location(StorageBackend.DISK, BlobKey.of("library/" + owner.id() + "/2024/05/" + id + ".jpg"));
        put(disk, loc, original, "image/jpeg");
        Map<RenditionKind, StoredRendition> renditions = new EnumMap<>(RenditionKind.class);
        for (RenditionKind kind : RenditionKind.values()) {
          byte[] r = bytes(random, 100 + random.nextInt(2_000));
          Location rl = new Location(StorageBackend.DISK, BlobKey.of("renditions/" + owner.id() + "/"
              + id.substring(0, 2) + "/" + id + "/" + kind.id() + ".webp"));
          put(disk, rl, r, "image/webp");
          renditions.put(kind, new StoredRendition(kind, rl, "image/webp", 100, 80, r.length, Sha256.hex(r)));
        }
        Instant now = Instant.now();
        catalog.assets().insert(new Asset(id, owner.id(), Sha256.hex(original), original.length, "image/jpeg",
            "photo-" + i + ".jpg", loc, 640, 480, null, now, 1, null, "{}", now, now, 1, renditions));
      }
    }
  }

  private static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static void put(BlobStore store, Location location, byte[] bytes, String type) {
    store.put(location.key(), new ByteArrayInputStream(bytes), bytes.length,
        PutOptions.builder().contentType(type).build());
  }

  /** {@code location -> sha256} of every object the catalog names. */
  Map<String, String> catalogObjects() {
    Map<String, String> out = new TreeMap<>();
    try (Catalog catalog = Catalog.open(config.dbUrl(), null, null)) {
      catalog.jdbi().useHandle(h -> {
        h.createQuery("SELECT original_location, sha256 FROM assets").map((rs, ctx) -> Map.entry(rs.getString(1),
            rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        h.createQuery("SELECT location, sha256 FROM renditions").map((rs, ctx) -> Map.entry(rs.getString(1),
            rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
      });
    }
    return out;
  }

  /** {@code backend:key -> sha256 as read back} of every object in both stores. */
  Map<String, String> storedObjects() {
    Map<String, String> out = new TreeMap<>();
    try (BlobStore disk = DiskBlobStore.open(config.diskRoot()); BlobStore s3 = S3Stores.open(config.s3())) {
      read(disk, "disk:", out);
      read(s3, "s3:", out);
    }
    return out;
  }

  Map<String, String> stored(String backendPrefix) {
    Map<String, String> out = new TreeMap<>();
    storedObjects().forEach((k, v) -> {
      if (k.startsWith(backendPrefix)) {
        out.put(k.substring(backendPrefix.length()), v);
      }
    });
    return out;
  }

  private static void read(BlobStore store, String prefix, Map<String, String> out) {
    try (Stream<BlobInfo> all = store.listAll("")) {
      for (BlobInfo info : all.toList()) {
        try (BlobStream in = store.get(info.key())) {
          out.put(prefix + info.key().value(), Sha256.hex(in));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Every catalog object is in storage with its hash, and storage holds nothing else. */
  void assertCatalogAndStorageAgree() {
    assertThat(storedObjects()).isEqualTo(catalogObjects());
  }

  /**
   * Like {@link #assertCatalogAndStorageAgree()}, but a store may also hold stray copies under
   * {@code prefix} that a stopped run made and the next run will use or remove (they are in the journal).
   */
  void assertCatalogAndStorageAgreeExceptStrayCopiesIn(String prefix) {
    Map<String, String> stored = storedObjects();
    Map<String, String> catalog = catalogObjects();
    catalog.forEach((loc, sha) -> assertThat(stored).containsEntry(loc, sha));
    stored.keySet().stream().filter(k -> !catalog.containsKey(k))
        .forEach(k -> assertThat(k).as("an object no catalog row names").startsWith(prefix));
  }

  long objectsIn(String backend) {
    return catalogObjects().keySet().stream().filter(k -> k.startsWith(backend + ":")).count();
  }

  List<String> args(String... args) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(List.of(args));
    out.add("--config");
    out.add(configFile.toString());
    return out;
  }
}
