package dev.lightbox.server.migration;

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
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.storage.StoreFactory;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.internal.Sha256;
import dev.lightbox.storage.testkit.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A library on disk and an S3Proxy bucket, with the catalog opened the way the command line opens it: assets
 * are written straight to the stores and the catalog, and the checks read everything back.
 */
final class MigrationFixture implements AutoCloseable {
  final ServerConfig config;
  final Catalog catalog;
  final LibraryStorage storage;
  final User owner;
  final HookedStore s3Store;

  MigrationFixture(String database, Path dir, S3TestServer s3, String bucket) {
    Map<String, String> settings = new HashMap<>();
    settings.put("LIGHTBOX_DATA_DIR", dir.resolve("data").toString());
    settings.put("LIGHTBOX_DB_URL", TestDatabases.newDatabase(database, dir.resolve("db")));
    settings.putAll(TestServer.s3Settings(s3, bucket));
    config = ConfigLoader.fromMap(settings);
    Map<StorageBackend, BlobStore> stores = new EnumMap<>(StoreFactory.open(config, new EnumMap<>(StorageBackend.class)));
    s3Store = new HookedStore(stores.get(StorageBackend.S3));
    stores.put(StorageBackend.S3, s3Store);
    storage = new LibraryStorage(stores, StorageBackend.DISK);
    catalog = Catalog.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    owner = new User(UUID.randomUUID().toString(), "owner@example.com", "Owner", "x", false, Instant.now());
    catalog.users().insert(owner);
  }

  Migrator migrator() {
    return Migrator.over(catalog, storage);
  }

  BlobStore store(StorageBackend backend) {
    return storage.store(backend);
  }

  /** {@code n} assets on disk, each with an original and both renditions of random bytes. */
  List<Asset> populate(int n, long seed) {
    Random random = new Random(seed);
    List<Asset> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = UUID.randomUUID().toString();
      byte[] original = bytes(random, 1_000 + random.nextInt(20_000));
      Location loc = new Location(StorageBackend.DISK, BlobKey.of("library/" + owner.id() + "/2024/05/" + id + ".jpg"));
      put(loc, original, "image/jpeg");
      Map<RenditionKind, StoredRendition> renditions = new EnumMap<>(RenditionKind.class);
      for (RenditionKind kind : RenditionKind.values()) {
        byte[] r = bytes(random, 200 + random.nextInt(3_000));
        Location rl = new Location(StorageBackend.DISK, BlobKey.of("renditions/" + owner.id() + "/" + id.substring(0, 2)
            + "/" + id + "/" + kind.id() + ".webp"));
        put(rl, r, "image/webp");
        renditions.put(kind, new StoredRendition(kind, rl, "image/webp", 100, 80, r.length, Sha256.hex(r)));
      }
      Instant now = Instant.now();
      Asset a = new Asset(id, owner.id(), Sha256.hex(original), original.length, "image/jpeg", "photo-" + i + ".jpg",
          loc, 640, 480, null, now, 1, "a prompt " + i, "{}", now, now, 1, renditions);
      catalog.assets().insert(a);
      out.add(a);
    }
    return out;
  }

  private static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  void put(Location location, byte[] bytes, String type) {
    store(location.backend()).put(location.key(), new ByteArrayInputStream(bytes), bytes.length,
        PutOptions.builder().contentType(type).build());
  }

  byte[] read(Location location) {
    try (BlobStream in = store(location.backend()).get(location.key())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every object of every asset: {@code assetId/kind -> location}. */
  Map<String, Location> catalogLocations() {
    Map<String, Location> out = new TreeMap<>();
    for (Asset a : allAssets()) {
      out.put(a.id() + "/original", a.originalLocation());
      a.renditions().forEach((k, r) -> out.put(a.id() + "/" + k.id(), r.location()));
    }
    return out;
  }

  List<Asset> allAssets() {
    return catalog.assets().idsOfOwner(owner.id()).stream()
        .map(id -> catalog.assets().findById(id).orElseThrow()).toList();
  }

  /** Every key in a store with the SHA-256 of its bytes as read back. */
  Map<String, String> storeContents(StorageBackend backend) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<BlobInfo> all = store(backend).listAll("")) {
      all.forEach(info -> {
        try (BlobStream in = store(backend).get(info.key())) {
          out.put(info.key().value(), Sha256.hex(in));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return out;
  }

  /**
   * Catalog and storage agree exactly: every object the catalog names is there with the catalog's hash, and
   * each store holds nothing else but {@code alsoAllowed} (kept sources).
   */
  void assertConsistent(Map<String, String> alsoAllowed) {
    Map<StorageBackend, Map<String, String>> expected = new EnumMap<>(StorageBackend.class);
    for (StorageBackend b : StorageBackend.values()) {
      expected.put(b, new TreeMap<>());
    }
    for (Asset a : allAssets()) {
      expected.get(a.originalLocation().backend()).put(a.originalLocation().key().value(), a.sha256());
      a.renditions().values().forEach(r -> expected.get(r.location().backend()).put(r.location().key().value(),
          r.sha256()));
    }
    alsoAllowed.forEach((loc, sha) -> {
      Location l = Location.parse(loc);
      expected.get(l.backend()).putIfAbsent(l.key().value(), sha);
    });
    for (StorageBackend b : StorageBackend.values()) {
      assertThat(storeContents(b)).as("objects in %s", b.id()).isEqualTo(expected.get(b));
    }
  }

  @Override
  public void close() {
    storage.close();
    catalog.close();
  }
}
