package dev.lightbox.server.library.internal;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.library.Library;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.s3.S3BlobStore;
import dev.lightbox.storage.s3.S3Config;
import dev.lightbox.storage.s3.S3Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The files of one library, listed and read without writing: a directory walked on disk (no links followed,
 * hidden files and folders left out), or a bucket prefix listed page by page. Keys are relative to the root or
 * prefix, with {@code /} between folders.
 */
public sealed interface LibrarySource extends AutoCloseable permits LibrarySource.Disk, LibrarySource.S3 {

  /** One file as the listing shows it; {@code etag} is null on disk. */
  record Entry(String key, long size, long modifiedMillis, String etag) {
  }

  /** A file's bytes on the local disk; closing removes it when it was downloaded for the reading. */
  record Local(Path file, boolean temporary) implements AutoCloseable {
    @Override
    public void close() {
      if (temporary) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // the temp dir is emptied at start-up
        }
      }
    }
  }

  /** Every file; a name that cannot be a key (control characters, backslashes, too long) goes to {@code unusable}. */
  void list(Consumer<Entry> each, BiConsumer<String, String> unusable);

  /** The read-only store serving reads of this library's originals. */
  BlobStore reader();

  /** The file's bytes as a local file: the file itself on disk (read, never changed), a temp copy from S3. */
  Local fetch(Entry entry, Supplier<Path> tempFile);

  /** Throws a clear {@code INVALID_INPUT} when the library cannot be read (missing folder, wrong bucket, keys). */
  void check();

  @Override
  void close();

  static LibrarySource open(Library library) {
    return library.kind() == Library.Kind.DISK ? new Disk(Path.of(library.root())) : new S3(library);
  }

  /** A directory on the server. */
  final class Disk implements LibrarySource {
    private final ReadOnlyDiskStore store;

    Disk(Path root) {
      this.store = new ReadOnlyDiskStore(root.toAbsolutePath().normalize());
    }

    @Override
    public void check() {
      Path root = store.root();
      if (!Files.isDirectory(root) || !Files.isReadable(root) || !Files.isExecutable(root)) {
        throw ServerException.badRequest("the folder " + root + " does not exist or is not a readable directory"
            + " for the server; give the absolute path of an existing folder the server's user can read");
      }
    }

    @Override
    public void list(Consumer<Entry> each, BiConsumer<String, String> unusable) {
      Path root = store.root();
      if (!Files.isDirectory(root) || !Files.isReadable(root)) { // unmounted or removed: not "every file removed"
        throw new IllegalStateException("the folder " + root + " is missing or unreadable; its assets keep their"
            + " state until it is back (or remove the library)");
      }
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !hidden(file)) {
              String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
              String problem = BlobKey.problem(key);
              if (problem != null) {
                unusable.accept(key, problem);
              } else {
                each.accept(new Entry(key, attrs.size(), attrs.lastModifiedTime().toMillis(), null));
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            unusable.accept(root.relativize(file).toString(), "cannot be read: " + e.getMessage());
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("listing the library folder " + root + " failed", e);
      }
    }

    private static boolean hidden(Path p) {
      return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    @Override
    public BlobStore reader() {
      return store;
    }

    public Path root() {
      return store.root();
    }

    @Override
    public Local fetch(Entry entry, Supplier<Path> tempFile) {
      Path file = store.fileOf(BlobKey.of(entry.key()));
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw StorageException.of(StorageException.Kind.NOT_FOUND, "read", store.describe(), entry.key(),
            "the file is gone");
      }
      return new Local(file, false);
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** A bucket prefix, through a store opened read-only (every write is refused before a request is sent). */
  final class S3 implements LibrarySource {
    private final String describe;
    private final BlobStore store;

    S3(Library library) {
      Library.S3Source s = library.s3();
      this.describe = library.where();
      Map<String, String> env = new HashMap<>();
      for (String inherited : List.of("LIGHTBOX_S3_CREDENTIALS_FILE", "XDG_CONFIG_HOME", "HOME")) {
        if (System.getenv(inherited) != null) {
          env.put(inherited, System.getenv(inherited));
        }
      }
      put(env, "LIGHTBOX_S3_BUCKET", s.bucket());
      put(env, "LIGHTBOX_S3_PREFIX", s.prefix());
      put(env, "LIGHTBOX_S3_ENDPOINT", s.endpoint());
      put(env, "LIGHTBOX_S3_REGION", s.region());
      put(env, "LIGHTBOX_S3_PATH_STYLE", s.pathStyle() == null ? null : s.pathStyle().toString());
      put(env, "LIGHTBOX_S3_ACCESS_KEY_ID", s.accessKeyId());
      put(env, "LIGHTBOX_S3_SECRET_ACCESS_KEY", s.secretAccessKey());
      S3Config config;
      try {
        config = S3Environment.configure(env, s.profile()).readOnly(true).build();
      } catch (StorageException e) {
        throw ServerException.badRequest("the bucket settings of " + describe + " are not usable: "
            + e.getMessage());
      }
      this.store = S3BlobStore.open(config);
    }

    private static void put(Map<String, String> env, String name, String value) {
      if (value != null && !value.isBlank()) {
        env.put(name, value);
      }
    }

    @Override
    public void check() {
      try {
        store.list(ListRequest.of("").withPageSize(1));
      } catch (StorageException e) {
        throw ServerException.badRequest("cannot list " + describe + " (" + e.kind() + "): check the bucket, prefix,"
            + " endpoint, region and credentials; " + e.getMessage());
      }
    }

    @Override
    public void list(Consumer<Entry> each, BiConsumer<String, String> unusable) {
      store.listAll("").forEach((BlobInfo o) -> each.accept(new Entry(o.key().value(), o.size(),
          o.lastModified() == null ? 0 : o.lastModified().toEpochMilli(), o.etag())));
    }

    @Override
    public BlobStore reader() {
      return store;
    }

    @Override
    public Local fetch(Entry entry, Supplier<Path> tempFile) {
      Path temp = tempFile.get();
      try (BlobStream in = store.get(BlobKey.of(entry.key()));
          InputStream body = in) {
        Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
        return new Local(temp, true);
      } catch (IOException e) {
        new Local(temp, true).close();
        throw StorageException.of(StorageException.Kind.UNAVAILABLE, "get", describe, entry.key(), e.toString(), e);
      } catch (RuntimeException e) {
        new Local(temp, true).close();
        throw e;
      }
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
