package dev.lightbox.storage.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** What only the disk backend must guarantee: containment, crash safety, plain files. */
class DiskBlobStoreTest {
  @TempDir
  Path dir;

  @Test
  void keysThroughSymlinksAreRefused() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));
    try (DiskBlobStore store = DiskBlobStore.open(root)) {
      for (String key : new String[] {"escape/secret.txt", "escape/new.txt", "file-link"}) {
        assertThatThrownBy(() -> store.get(BlobKey.of(key)))
            .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED));
        assertThatThrownBy(() -> store.put(BlobKey.of(key), new ByteArrayInputStream(new byte[1]), 1,
            PutOptions.DEFAULTS)).isInstanceOf(StorageException.class);
      }
      assertThat(store.listAll("").toList()).isEmpty();
    }
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    assertThat(outside.resolve("new.txt")).doesNotExist();
  }

  @Test
  void aFailingStreamLeavesNoFileAndKeepsTheOldObject() throws IOException {
    try (DiskBlobStore store = DiskBlobStore.open(dir)) {
      BlobKey key = BlobKey.of("a/b.bin");
      store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.DEFAULTS);
      InputStream failing = new InputStream() {
        int served;

        @Override
        public int read() throws IOException {
          if (served++ > 100_000) {
            throw new IOException("client went away");
          }
          return 7;
        }
      };
      assertThatThrownBy(() -> store.put(key, failing, -1, PutOptions.DEFAULTS))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.getMessage()).contains("a/b.bin"));
      assertThat(store.get(key).readAllBytes()).containsExactly(1, 2, 3);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly("b.bin");
    }
  }

  @Test
  void objectsArePlainFilesAndHandPlacedFilesAreListed() throws IOException {
    try (DiskBlobStore store = DiskBlobStore.open(dir)) {
      store.put(BlobKey.of("x/y.txt"), new ByteArrayInputStream("hello".getBytes()), 5, PutOptions.DEFAULTS);
      assertThat(Files.readString(dir.resolve("x/y.txt"))).isEqualTo("hello");
      Files.writeString(dir.resolve("x/by-hand.jpg"), "jpeg");
      var page = store.list(ListRequest.of("x/"));
      assertThat(page.objects()).extracting(o -> o.key().value()).containsExactly("x/by-hand.jpg", "x/y.txt");
      var byHand = store.head(BlobKey.of("x/by-hand.jpg"));
      assertThat(byHand.sha256()).isNull();
      assertThat(byHand.contentType()).isEqualTo("image/jpeg");
      assertThat(store.head(BlobKey.of("x/y.txt")).sha256()).hasSize(64);
    }
  }

  @Test
  void reservedNamesAreNotKeysAndDeletesPruneEmptyDirectories() {
    try (DiskBlobStore store = DiskBlobStore.open(dir)) {
      assertThatThrownBy(() -> store.head(BlobKey.of("a/.lightbox-tmp-1")))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_KEY));
      store.put(BlobKey.of("deep/er/file"), new ByteArrayInputStream(new byte[1]), 1, PutOptions.DEFAULTS);
      store.delete(BlobKey.of("deep/er/file"));
      assertThat(dir.resolve("deep")).doesNotExist();
    }
  }
}
