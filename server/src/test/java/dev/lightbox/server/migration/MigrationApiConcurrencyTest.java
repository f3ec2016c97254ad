package dev.lightbox.server.migration;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.storage.S3Stores;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.disk.DiskBlobStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A migration started through the admin API while users upload, delete and read through the API: every
 * asset stays readable with its bytes, deleted ones are not resurrected, new ones are not lost, and the
 * catalog and both stores agree exactly afterwards.
 */
class MigrationApiConcurrencyTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();
  static int buckets;

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    final Map<String, byte[]> content = new ConcurrentHashMap<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final Random random = new Random(42);

    @Test
    void uploadsDeletesAndReadsDuringAMigrationAreAllRespected() throws Exception {
      String bucket = s3.createBucket("concurrency-" + database + "-" + ++buckets);
      TestServer t = TestServer.on(database, dir).set("LIGHTBOX_STORAGE_BACKEND", "disk")
          .s3(s3, bucket);
      HookedStore slowS3 = new HookedStore(S3Stores.open(t.config().s3()));
      slowS3.afterPut(key -> pause(3)); // so that the API calls below land in the middle of the run
      t.store(StorageBackend.S3, slowS3);
      try (LightboxServer server = t.start()) {
        Http anonymous = new Http(server.baseUri());
        Http admin = Users.admin(anonymous);
        Http alice = Users.userWithApiKey(anonymous, "alice@example.com");
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
          initial.add(upload(alice, "before-" + i));
        }

        HttpResponse<byte[]> started = admin.postJson("/api/admin/migrations",
            "{\"to\":\"s3\",\"concurrency\":4,\"deleteSource\":true,\"sourceGraceSeconds\":1}");
        assertThat(started.statusCode()).as(Http.text(started)).isEqualTo(202);
        String batch = json(started).get("batchId").asText();
        assertThat(json(started).get("estimate").get("objects").asLong()).isEqualTo(360);

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> readProblems = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        List<String> stable = initial.subList(60, 120);
        Thread reader = Thread.ofVirtual().start(() -> {
          Random r = new Random(7);
          while (running.get()) {
            String id = stable.get(r.nextInt(stable.size()));
            String kind = r.nextInt(3) == 0 ? "thumbnail" : "original";
            HttpResponse<byte[]> got = followRedirect(alice.get("/api/assets/" + id + "/" + kind));
            reads.incrementAndGet();
            if (got.statusCode() != 200 || kind.equals("original") && !Arrays.equals(got.body(), content.get(id))) {
              readProblems.add(id + "/" + kind + " answered " + got.statusCode());
            }
          }
        });
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          added.add(upload(alice, "during-" + i));
          String victim = initial.get(i * 2);
          assertThat(alice.delete("/api/assets/" + victim + "?permanent=true").statusCode()).isEqualTo(204);
          deleted.add(victim);
        }
        JsonNode job = await(admin, batch);
        running.set(false);
        reader.join();

        assertThat(job.get("report").get("state").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("report").get("failed").asLong()).isZero();
        assertThat(readProblems).as("reads during the migration (%d reads)", reads.get()).isEmpty();
        assertThat(reads.get()).isGreaterThan(10);
        assertEverythingReadableAndConsistent(server, alice, t);

        HttpResponse<byte[]> again = admin.postJson("/api/admin/migrations", "{\"to\":\"s3\",\"sourceGraceSeconds\":0,"
            + "\"deleteSource\":true}");
        assertThat(again.statusCode()).as(Http.text(again)).isEqualTo(202);
        JsonNode second = await(admin, json(again).get("batchId").asText());
        assertThat(second.get("report").get("moved").asLong()).isEqualTo(added.size() * 3L);
        assertEverythingReadableAndConsistent(server, alice, t);
        try (BlobStore disk = DiskBlobStore.open(t.config().diskRoot())) {
          assertThat(keys(disk)).isEmpty();
        }
      }
    }

    private String upload(Http alice, String name) {
      byte[] bytes = new byte[5_000 + random.nextInt(30_000)];
      random.nextBytes(bytes);
      bytes[0] = (byte) 0xff;
      bytes[1] = (byte) 0xd8;
      bytes[2] = (byte) 0xff;
      HttpResponse<byte[]> r = alice.send("POST", "/api/assets?filename=" + name + ".jpg",
          HttpRequest.BodyPublishers.ofByteArray(bytes), "Content-Type", "application/octet-stream");
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
      String id = json(r).get("id").asText();
      content.put(id, bytes);
      return id;
    }

    private JsonNode await(Http admin, String batch) throws InterruptedException {
      for (int i = 0; i < 1200; i++) {
        JsonNode b = json(admin.get("/api/admin/migrations/" + batch));
        if (b.has("job") && !b.get("job").get("running").asBoolean() && b.get("job").has("report")) {
          return b.get("job");
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the migration " + batch + " did not finish in time");
    }

    private void assertEverythingReadableAndConsistent(LightboxServer server, Http alice, TestServer t) {
      Set<String> expected = new TreeSet<>();
      for (Map.Entry<String, byte[]> e : content.entrySet()) {
        HttpResponse<byte[]> got = followRedirect(alice.get("/api/assets/" + e.getKey() + "/original"));
        if (deleted.contains(e.getKey())) {
          assertThat(got.statusCode()).isEqualTo(404);
          assertThat(server.catalog().assets().findById(e.getKey())).isEmpty();
          continue;
        }
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(e.getValue());
        Asset a = server.catalog().assets().findById(e.getKey()).orElseThrow();
        expected.add(a.originalLocation().toString());
        a.renditions().values().forEach(r -> expected.add(r.location().toString()));
      }
      Set<String> stored = new TreeSet<>();
      try (BlobStore disk = DiskBlobStore.open(t.config().diskRoot());
          BlobStore bucket = S3Stores.open(t.config().s3())) {
        keys(disk).forEach(k -> stored.add("disk:" + k));
        keys(bucket).forEach(k -> stored.add("s3:" + k));
      }
      assertThat(stored).as("objects in storage vs the catalog").isEqualTo(expected);
    }

    /** Redirect mode answers S3 objects with a presigned URL: fetch it, as a browser would. */
    private static HttpResponse<byte[]> followRedirect(HttpResponse<byte[]> r) {
      if (r.statusCode() != 302) {
        return r;
      }
      URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
      return new Http(location).get(location.getRawPath() + "?" + location.getRawQuery());
    }

    private static List<String> keys(BlobStore store) {
      try (Stream<BlobInfo> all = store.listAll("")) {
        return all.map(i -> i.key().value()).toList();
      }
    }

    private static void pause(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
