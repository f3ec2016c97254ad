package dev.lightbox.server.api;

import static dev.lightbox.server.testing.Users.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.testing.FailingBlobStore;
import dev.lightbox.server.testing.Http;
import dev.lightbox.server.testing.Media;
import dev.lightbox.server.testing.OnEachDatabase;
import dev.lightbox.server.testing.TestDatabases;
import dev.lightbox.server.testing.TestServer;
import dev.lightbox.server.testing.Users;
import dev.lightbox.storage.disk.DiskBlobStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Storage or catalog failing in the middle of an ingest leaves no object, no row and no temp file. */
class FailureInjectionTest {
  @Nested
  @OnEachDatabase
  class Contract {
    @Parameter
    String database;
    @TempDir
    Path dir;
    TestServer t;
    FailingBlobStore store;
    LightboxServer server;
    Http alice;
    byte[] photo;

    @BeforeEach
    void start() throws Exception {
      t = TestServer.on(database, dir);
      store = new FailingBlobStore(DiskBlobStore.open(dir.resolve("data/storage")));
      server = t.store(StorageBackend.DISK, store).start();
      alice = Users.userWithApiKey(new Http(server.baseUri()), "alice@example.com");
      photo = Files.readAllBytes(Media.file("photo/immich_mongolels_rating.jpg"));
    }

    @AfterEach
    void stop() {
      server.close();
    }

    @Test
    void storageFailingOnAnyObjectLeavesNothingBehind() throws Exception {
      for (int failing = 1; failing <= 3; failing++) { // the original, the thumbnail, the preview
        store.failPut(failing);
        HttpResponse<byte[]> r = alice.uploadMultipart("photo.jpg", photo);
        assertThat(r.statusCode()).as("failing put " + failing + ": " + Http.text(r)).isEqualTo(503);
        assertThat(json(r).get("detail").asText()).contains("nothing was kept");
        assertNothingLeft();
      }
      store.failPut(-1);
      assertThat(alice.uploadMultipart("photo.jpg", photo).statusCode()).as("works again").isEqualTo(201);
      assertThat(storedFiles()).hasSize(3);
    }

    @Test
    void catalogFailingAtCommitLeavesNothingBehind() throws Exception {
      String url = t.setting("LIGHTBOX_DB_URL");
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        if (database.equals(TestDatabases.SQLITE)) {
          s.execute("CREATE TRIGGER fail_renditions BEFORE INSERT ON renditions BEGIN"
              + " SELECT RAISE(ABORT, 'injected failure'); END");
        } else {
          s.execute("CREATE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN"
              + " RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql");
          s.execute("CREATE TRIGGER fail_renditions BEFORE INSERT ON renditions FOR EACH ROW"
              + " EXECUTE FUNCTION fail_insert()");
        }
      }
      HttpResponse<byte[]> r = alice.uploadMultipart("photo.jpg", photo);
      assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(503);
      assertThat(Http.text(r)).contains("catalog").doesNotContain("injected", "SQL");
      assertNothingLeft();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER fail_renditions" + (database.equals(TestDatabases.SQLITE) ? "" : " ON renditions"));
      }
      assertThat(alice.uploadMultipart("photo.jpg", photo).statusCode()).isEqualTo(201);
    }

    private void assertNothingLeft() throws Exception {
      assertThat(storedFiles()).as("objects in storage").isEmpty();
      assertThat(json(alice.get("/api/assets")).get("items")).as("catalog rows").isEmpty();
      long intents = server.catalog().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM store_intents")
          .mapTo(Long.class).one());
      assertThat(intents).as("intents of the removed objects").isZero();
      try (Stream<Path> temp = Files.list(dir.resolve("data/tmp"))) {
        assertThat(temp.toList()).as("temp files").isEmpty();
      }
    }

    private List<Path> storedFiles() throws Exception {
      try (Stream<Path> s = Files.walk(dir.resolve("data/storage"))) {
        return s.filter(Files::isRegularFile).toList();
      }
    }
  }
}
