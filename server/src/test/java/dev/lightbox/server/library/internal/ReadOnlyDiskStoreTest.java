package dev.lightbox.server.library.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder read as a store: reads and ranges work, writes are refused, nothing is created, links are not followed. */
class ReadOnlyDiskStoreTest {
  @TempDir
  Path dir;

  @Test
  void readsRefusesWritesAndCreatesNothing() throws Exception {
    Path root = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(root.resolve("a.txt"), "0123456789");
    Path outside = Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("link.txt"), outside);
    try (ReadOnlyDiskStore store = new ReadOnlyDiskStore(root)) {
      assertThat(store.head(BlobKey.of("a.txt")).size()).isEqualTo(10);
      try (var in = store.getRange(BlobKey.of("a.txt"), ByteRange.of(2, 3))) {
        assertThat(new String(in.readAllBytes())).isEqualTo("234");
      }
      assertThat(store.headOrNull(BlobKey.of("missing.txt"))).isNull();
      assertThatThrownBy(() -> store.get(BlobKey.of("link.txt"))).isInstanceOf(StorageException.class);
      assertThatThrownBy(() -> store.put(BlobKey.of("b.txt"), new ByteArrayInputStream(new byte[1]), 1,
          PutOptions.builder().build())).isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.READ_ONLY));
      assertThatThrownBy(() -> store.delete(BlobKey.of("a.txt"))).isInstanceOf(StorageException.class);
      assertThatThrownBy(() -> store.deleteMany(List.of(BlobKey.of("a.txt")))).isInstanceOf(StorageException.class);
    }
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "link.txt");
    }
    assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("0123456789");
  }
}
