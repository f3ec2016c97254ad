package dev.lightbox.storage.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.SweepResult;

/** The sweep removes only old temp files of killed writes: never objects, never a write in progress. */
class DiskTempSweepTest {
  private static final FileTime TWO_DAYS_AGO = FileTime.from(Instant.now().minus(Duration.ofDays(2)));

  @TempDir
  Path root;

  @Test
  void removesOnlyOldTempFilesAndKeepsAWriteInProgress() throws Exception {
    try (DiskBlobStore store = DiskBlobStore.open(root)) {
      store.put(BlobKey.of("photos/old.jpg"), new ByteArrayInputStream(new byte[10]), 10, PutOptions.DEFAULTS);
      store.put(BlobKey.of("photos/lightbox-tmp-1.part"), new ByteArrayInputStream(new byte[4]), 4,
          PutOptions.DEFAULTS);
      age(root.resolve("photos/old.jpg"));
      age(root.resolve("photos/lightbox-tmp-1.part"));
      Path besideObject = leftover(root.resolve("photos"), ".lightbox-tmp-111.part", 100);
      Path aloneInDir = leftover(root.resolve("2024/05"), ".lightbox-tmp-222.part", 50);
      Path sidecarTemp = leftover(root.resolve(".lightbox-meta/photos"), ".lightbox-tmp-333.attrs", 7);
      Path recentLeftover = root.resolve("photos/.lightbox-tmp-444.part");
      Files.write(recentLeftover, new byte[3]);

      CountDownLatch firstBytesRead = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      InputStream slow = new SequenceInputStream(new ByteArrayInputStream(new byte[1000]), new InputStream() {
        @Override
        public int read() throws IOException {
          firstBytesRead.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          return -1;
        }
      });
      try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        Future<BlobInfo> live = executor.submit(() -> store.put(BlobKey.of("live/upload.bin"), slow, 1000,
            PutOptions.DEFAULTS));
        assertThat(firstBytesRead.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tempFiles(root.resolve("live"))).hasSize(1);

        SweepResult result = store.sweepTemporary(SweepResult.DEFAULT_AGE);

        assertThat(result.removed()).isEqualTo(3);
        assertThat(result.removedBytes()).isEqualTo(157);
        assertThat(result.abortedUploads()).isZero();
        assertThat(result.keptRecent()).isEqualTo(2); // the live write's temp file and the fresh leftover
        assertThat(result.complete()).isTrue();
        assertThat(besideObject).doesNotExist();
        assertThat(aloneInDir).doesNotExist();
        assertThat(root.resolve("2024")).doesNotExist(); // emptied directories go, as after a delete
        assertThat(sidecarTemp).doesNotExist();
        assertThat(recentLeftover).exists();

        release.countDown();
        assertThat(live.get(10, TimeUnit.SECONDS).size()).isEqualTo(1000);
      }
      assertThat(store.listAll("").map(i -> i.key().value()).toList())
          .containsExactly("live/upload.bin", "photos/lightbox-tmp-1.part", "photos/old.jpg");
      assertThat(store.head(BlobKey.of("photos/old.jpg")).size()).isEqualTo(10);
      assertThat(store.sweepTemporary(SweepResult.DEFAULT_AGE).removed()).isZero();
    }
  }

  @Test
  void refusesAnAgeThatCouldCatchAWriteInProgress() {
    try (DiskBlobStore store = DiskBlobStore.open(root)) {
      assertThatThrownBy(() -> store.sweepTemporary(Duration.ofMinutes(5)))
          .isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("at least 1 hour").contains(root.getFileName().toString());
          });
    }
  }

  private static Path leftover(Path dir, String name, int size) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.write(dir.resolve(name), new byte[size]);
    age(file);
    return file;
  }

  private static void age(Path file) throws IOException {
    Files.setLastModifiedTime(file, TWO_DAYS_AGO);
  }

  private static java.util.List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".lightbox-tmp-")).toList();
    }
  }
}
