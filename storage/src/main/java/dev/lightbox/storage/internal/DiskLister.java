package dev.lightbox.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.KeyOrder;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.StorageException;

/**
 * Lists a directory tree in S3 key order (UTF-8 bytes, a directory sorting as its name plus '/') one
 * page at a time. The continuation token is the last key or common prefix returned, so a page costs a walk
 * that prunes every subtree wholly before the token; nothing but the current directories is held.
 */
public final class DiskLister {
  private final DiskLayout layout;
  private final Function<Path, BlobInfo> infoOf;

  public DiskLister(DiskLayout layout, Function<Path, BlobInfo> infoOf) {
    this.layout = layout;
    this.infoOf = infoOf;
  }

  public ListPage list(ListRequest request) {
    String after = decodeToken(request.continuationToken());
    Page page = new Page(request, after);
    String prefix = request.prefix();
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? layout.root() : layout.root().resolve(prefix.substring(0, slash));
    if (slash >= 0 && !isPlainDir(start)) {
      return new ListPage(List.of(), List.of(), null);
    }
    try {
      walk(start, slash < 0 ? "" : prefix.substring(0, slash + 1), page);
    } catch (IOException e) {
      throw StorageException.of(StorageException.Kind.UNAVAILABLE, "list", layout.describe(), prefix,
          "could not read the directory tree: " + e.getMessage(), e);
    }
    return page.toListPage();
  }

  private static boolean isPlainDir(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p);
  }

  /** Visits {@code dir} (whose keys start with {@code dirKey}) in key order; false once the page is full. */
  private boolean walk(Path dir, String dirKey, Page page) throws IOException {
    for (Entry entry : sortedEntries(dir, dirKey)) {
      String prefix = page.request.prefix();
      if (entry.isDir) {
        String sub = entry.sortKey; // ends with '/'
        if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) {
          continue;
        }
        if (page.after != null && !page.after.startsWith(sub) && KeyOrder.compare(sub, page.after) < 0) {
          continue; // the whole subtree sorts before the token
        }
        String common = page.commonPrefixFor(sub);
        if (common != null && common.equals(sub)) {
          if (!page.offer(null, common)) {
            return false;
          }
          continue;
        }
        if (!walk(entry.path, sub, page)) {
          return false;
        }
      } else if (entry.sortKey.startsWith(prefix)) {
        String common = page.commonPrefixFor(entry.sortKey);
        if (!page.offer(common == null ? entry.path : null, common)) {
          return false;
        }
      }
    }
    return true;
  }

  private List<Entry> sortedEntries(Path dir, String dirKey) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (DiskLayout.isReservedName(name)) {
          continue;
        }
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          entries.add(new Entry(p, dirKey + name + "/", true));
        } else if (attrs.isRegularFile() && BlobKey.problem(dirKey + name) == null) {
          entries.add(new Entry(p, dirKey + name, false));
        }
      }
    } catch (java.nio.file.NoSuchFileException gone) {
      return List.of();
    }
    entries.sort(Comparator.comparing(e -> e.sortBytes, java.util.Arrays::compareUnsigned));
    return entries;
  }

  private record Entry(Path path, String sortKey, boolean isDir, byte[] sortBytes) {
    Entry(Path path, String sortKey, boolean isDir) {
      this(path, sortKey, isDir, sortKey.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String decodeToken(String token) {
    if (token == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "list", null, null,
          "the continuation token is not one this store issued");
    }
  }

  static String encodeToken(String lastItem) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastItem.getBytes(StandardCharsets.UTF_8));
  }

  /** Collects one page, plus one item more to know whether there is a next page. */
  private final class Page {
    final ListRequest request;
    final String after;
    final List<BlobInfo> objects = new ArrayList<>();
    final List<String> prefixes = new ArrayList<>();
    String last;
    boolean more;

    Page(ListRequest request, String after) {
      this.request = request;
      this.after = after;
    }

    /** The common prefix that rolls up {@code key} (a key, or a directory key ending in '/'), or null. */
    String commonPrefixFor(String key) {
      String delimiter = request.delimiter();
      if (delimiter == null) {
        return null;
      }
      int at = key.indexOf(delimiter, request.prefix().length());
      return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    boolean offer(Path file, String commonPrefix) {
      String item = commonPrefix != null ? commonPrefix : layout.keyOf(file);
      if (after != null) {
        if (KeyOrder.compare(item, after) <= 0 || (after.endsWith(delimiterOr()) && item.startsWith(after))) {
          return true;
        }
      }
      if (commonPrefix != null && commonPrefix.equals(last)) {
        return true; // several keys roll up into the same prefix
      }
      if (objects.size() + prefixes.size() >= request.pageSize()) {
        more = true;
        return false;
      }
      if (commonPrefix != null) {
        prefixes.add(commonPrefix);
      } else {
        BlobInfo info = infoOf.apply(file);
        if (info == null) {
          return true; // vanished while listing
        }
        objects.add(info);
      }
      last = item;
      return true;
    }

    private String delimiterOr() {
      return request.delimiter() == null ? "\u0000" : request.delimiter();
    }

    ListPage toListPage() {
      return new ListPage(objects, prefixes, more ? encodeToken(last) : null);
    }
  }
}
