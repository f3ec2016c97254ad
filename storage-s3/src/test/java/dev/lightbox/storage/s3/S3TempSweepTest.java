package dev.lightbox.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;
import dev.lightbox.storage.s3.internal.S3Clients;
import dev.lightbox.storage.testkit.S3MockServer;
import dev.lightbox.storage.testkit.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Against S3Proxy, whose object and upload times come from its files, so that leftovers of a killed process
 * can be made two days old: the sweep removes exactly those, under the store's prefix, and nothing else.
 */
class S3TempSweepTest {
  private static final FileTime TWO_DAYS_AGO = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
  private static S3ProxyServer server;
  private static S3Client raw;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start();
    raw = S3Clients.client(S3Stores.config(server).build());
  }

  @AfterAll
  static void stop() {
    raw.close();
    server.close();
  }

  @Test
  void removesOldTemporaryObjectsAndIdleUploadsOfItsPrefixOnly() throws IOException {
    String bucket = server.createBucket("sweep");
    try (S3BlobStore store = S3BlobStore.open(S3Stores.config(server).bucket(bucket).keyPrefix("lib/").build())) {
      store.put(BlobKey.of("photos/a.jpg"), new ByteArrayInputStream(new byte[10]), 10, PutOptions.DEFAULTS);
      put(bucket, "lib/.lightbox-tmp/killed-after-complete", 100);
      put(bucket, "lib/.lightbox-tmp/just-completed", 7);
      put(bucket, "lib/.lightbox-doctor-1a2b3c4d/probe.bin", 30);
      put(bucket, "other/.lightbox-tmp/not-this-store", 5);
      String killedUpload = upload(bucket, "lib/.lightbox-tmp/killed-mid-upload", 64);
      String slowUpload = upload(bucket, "lib/.lightbox-tmp/still-sending", 16);
      String freshUpload = upload(bucket, "lib/.lightbox-tmp/fresh", 8);
      String killedKnownHash = upload(bucket, "lib/photos/b.jpg", 4);
      String besideObject = upload(bucket, "lib/photos/a.jpg", 4);
      String otherPrefix = upload(bucket, "other/c.jpg", 4);
      age(bucket, "lib/photos/a.jpg", "lib/.lightbox-tmp/killed-after-complete",
          "lib/.lightbox-doctor-1a2b3c4d/probe.bin", "other/.lightbox-tmp/not-this-store");
      ageUpload(killedUpload, true);
      ageUpload(slowUpload, false); // begun long ago, but a part arrived just now
      ageUpload(killedKnownHash, true);
      ageUpload(besideObject, true);
      ageUpload(otherPrefix, true);

      SweepResult result = store.sweepTemporary(SweepResult.DEFAULT_AGE);

      assertThat(result.removed()).isEqualTo(2);
      assertThat(result.abortedUploads()).isEqualTo(2);
      assertThat(result.removedBytes()).isEqualTo(100 + 30 + 64 + 4);
      assertThat(result.keptRecent()).isEqualTo(3); // just-completed, still-sending, fresh
      assertThat(result.failures()).singleElement().asString()
          .contains("lib/photos/a.jpg").contains("an object is at that key").contains("lifecycle");
      assertThat(objects(bucket)).containsExactly("lib/.lightbox-tmp/just-completed", "lib/photos/a.jpg",
          "other/.lightbox-tmp/not-this-store");
      assertThat(uploads(bucket)).containsExactlyInAnyOrder(slowUpload, freshUpload, besideObject, otherPrefix);
      assertThat(store.head(BlobKey.of("photos/a.jpg")).size()).isEqualTo(10);

      SweepResult again = store.sweepTemporary(SweepResult.DEFAULT_AGE);
      assertThat(again.removed() + again.abortedUploads()).isZero();
    }
  }

  @Test
  void aReadOnlyStoreRefusesToSweepAndATooShortAgeIsRefused() {
    try (S3BlobStore readOnly = S3Stores.open(server, b -> b.readOnly(true));
        S3BlobStore store = S3Stores.open(server)) {
      assertThatThrownBy(() -> readOnly.sweepTemporary(SweepResult.DEFAULT_AGE))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.READ_ONLY));
      assertThatThrownBy(() -> store.sweepTemporary(Duration.ofMinutes(59)))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_ARGUMENT));
    }
  }

  /** S3Mock cannot age anything, but its listings of uploads and parts must work: a sweep finds and keeps them. */
  @Test
  void onS3MockRecentLeftoversAreFoundAndKept() {
    S3MockServer mock = S3MockServer.shared();
    String bucket = mock.createBucket("sweep-" + System.nanoTime());
    try (S3Client mockRaw = S3Clients.client(S3Stores.config(mock).bucket(bucket).build());
        S3BlobStore store = S3Stores.open(mock, b -> b.bucket(bucket).keyPrefix("lib/"))) {
      mockRaw.putObject(b -> b.bucket(bucket).key("lib/.lightbox-tmp/recent"), RequestBody.fromBytes(new byte[3]));
      String id = mockRaw.createMultipartUpload(b -> b.bucket(bucket).key("lib/.lightbox-tmp/sending")).uploadId();
      mockRaw.uploadPart(b -> b.bucket(bucket).key("lib/.lightbox-tmp/sending").uploadId(id).partNumber(1),
          RequestBody.fromBytes(new byte[5]));

      SweepResult result = store.sweepTemporary(SweepResult.DEFAULT_AGE);

      assertThat(result).isEqualTo(new SweepResult(0, 0, 0, 2, List.of()));
      mockRaw.abortMultipartUpload(b -> b.bucket(bucket).key("lib/.lightbox-tmp/sending").uploadId(id));
    }
  }

  private static void put(String bucket, String key, int size) {
    raw.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
  }

  /** An incomplete upload with one part, as a killed put leaves it. */
  private static String upload(String bucket, String key, int size) {
    String id = raw.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    raw.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(new byte[size]));
    return id;
  }

  private static void age(String bucket, String... keys) throws IOException {
    for (String key : keys) {
      Files.setLastModifiedTime(server.dataDir().resolve(bucket).resolve(key), TWO_DAYS_AGO);
    }
  }

  /** S3Proxy keeps an upload as files named after its id: a stub (its start) and one file per part. */
  private static void ageUpload(String uploadId, boolean parts) throws IOException {
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      List<Path> mine = files.filter(p -> p.toString().contains(uploadId) && Files.isRegularFile(p)).toList();
      assertThat(mine).as("S3Proxy's files of upload %s", uploadId).isNotEmpty();
      for (Path p : mine) {
        if (parts || p.getFileName().toString().contains("stub")) {
          Files.setLastModifiedTime(p, TWO_DAYS_AGO);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static List<String> objects(String bucket) {
    return raw.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  private static List<String> uploads(String bucket) {
    return raw.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(MultipartUpload::uploadId)
        .toList();
  }
}
