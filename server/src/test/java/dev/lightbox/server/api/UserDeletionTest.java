package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Library.ids;
import static dev.lightbox.server.testing.Library.upload;
import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.SharedS3Proxy;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.BlobInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Deleting a user removes their assets (trashed ones too), renditions, albums and objects in every backend. */
class UserDeletionTest {
  @RegisterExtension
  static final SharedS3Proxy s3 = new SharedS3Proxy();

  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;

    @Test
    void aDeletedUserLeavesNothingOnDiskOrInTheBucket() throws Exception {
      TestServer t = TestServer.on(database, dir).s3(s3, s3.bucket()).set("LIGHTBOX_S3_PREFIX", "users-" + database + "/")
          .set("LIGHTBOX_STORAGE_BACKEND", "disk").set("LIGHTBOX_S3_SERVE_MODE", "proxy");
      String aliceKey;
      String bobKey;
      String aliceId;
      String bobDisk;
      try (LightboxServer server = t.start()) {
        Http alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
        Http bob = Users.userWithApiKey(new Http(server.baseUri()), "bob@example.com");
        aliceKey = alice.header("x-api-key");
        bobKey = bob.header("x-api-key");
        aliceId = json(alice.get("/api/me")).get("id").asText();
        String diskAsset = upload(alice, "alice-disk");
        alice.delete("/api/assets/" + upload(alice, "alice-disk-trashed"));
        alice.postJson("/api/albums", "{\"name\":\"Disk\",\"assetIds\":[\"" + diskAsset + "\"]}");
        bobDisk = upload(bob, "bob-disk");
      }
      t.set("LIGHTBOX_STORAGE_BACKEND", "s3");
      try (LightboxServer server = t.start();
          var bucket = dev.lightbox.server.storage.S3Stores.open(t.config().s3())) {
        Http alice = new Http(server.baseUri()).with("x-api-key", aliceKey);
        Http bob = new Http(server.baseUri()).with("x-api-key", bobKey);
        upload(alice, "alice-s3");
        alice.delete("/api/assets/" + upload(alice, "alice-s3-trashed"));
        String bobS3 = upload(bob, "bob-s3");
        assertThat(keysOf(bucket.listAll(""), aliceId)).as("alice has objects in the bucket").isNotEmpty();
        assertThat(filesOf(t, aliceId)).as("alice has files on disk").isNotEmpty();

        Http admin = Users.admin(new Http(server.baseUri()));
        assertThat(admin.delete("/api/users/" + aliceId).statusCode()).isEqualTo(204);
        assertThat(admin.delete("/api/users/" + aliceId).statusCode()).as("already gone").isEqualTo(404);

        assertThat(keysOf(bucket.listAll(""), aliceId)).isEmpty();
        assertThat(filesOf(t, aliceId)).isEmpty();
        long left = server.catalog().jdbi().withHandle(h -> h.createQuery(
            "SELECT (SELECT COUNT(*) FROM assets WHERE owner_id = :u) + (SELECT COUNT(*) FROM albums WHERE owner_id = :u)")
            .bind("u", aliceId).mapTo(Long.class).one());
        assertThat(left).as("assets and albums of alice in the catalog").isZero();
        assertThat(alice.get("/api/assets").statusCode()).isEqualTo(401);
        assertThat(ids(bob, "/api/assets")).containsExactlyInAnyOrder(bobDisk, bobS3);
        assertThat(bob.get("/api/assets/" + bobDisk + "/original").statusCode()).isEqualTo(200);
        assertThat(bob.get("/api/assets/" + bobS3 + "/original").statusCode()).isEqualTo(200);
      }
    }

    private static List<String> keysOf(Stream<BlobInfo> objects, String userId) {
      try (objects) {
        return objects.map(o -> o.key().value()).filter(k -> k.contains(userId)).toList();
      }
    }

    private static List<Path> filesOf(TestServer t, String userId) throws IOException {
      try (Stream<Path> s = Files.walk(t.config().diskRoot())) {
        return s.filter(Files::isRegularFile).filter(p -> p.toString().contains(userId)).toList();
      }
    }
  }
}
