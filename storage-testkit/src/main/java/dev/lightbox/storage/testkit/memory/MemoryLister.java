package dev.lightbox.storage.testkit.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.KeyOrder;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.StorageException;

/**
 * One page of a listing over keys sorted by {@link KeyOrder}, with the disk store's tokens (the last key or
 * common prefix returned, base64url) and its error for a token it did not issue.
 */
final class MemoryLister {
  private MemoryLister() {
  }

  /** Lists from {@code sorted}, which the caller keeps from changing while this runs. */
  static ListPage list(NavigableMap<String, ObjectTable.Stored> sorted, ListRequest request) {
    String prefix = request.prefix();
    String after = decodeToken(request.continuationToken());
    NavigableMap<String, ObjectTable.Stored> from = after != null && KeyOrder.compare(after, prefix) >= 0
        ? sorted.tailMap(after, false) : sorted.tailMap(prefix, true);
    List<BlobInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (var entry : from.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        break; // keys sharing a prefix are contiguous in UTF-8 byte order
      }
      String common = commonPrefix(key, request);
      if (common != null && (common.equals(last) || (after != null && KeyOrder.compare(common, after) <= 0))) {
        continue; // rolled up into a prefix already returned, on this page or an earlier one
      }
      if (objects.size() + prefixes.size() >= request.pageSize()) {
        more = true;
        break;
      }
      if (common != null) {
        prefixes.add(common);
        last = common;
      } else {
        objects.add(entry.getValue().info());
        last = key;
      }
    }
    return new ListPage(objects, prefixes, more ? encodeToken(last) : null);
  }

  private static String commonPrefix(String key, ListRequest request) {
    String delimiter = request.delimiter();
    if (delimiter == null) {
      return null;
    }
    int at = key.indexOf(delimiter, request.prefix().length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  private static String decodeToken(String token) {
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

  private static String encodeToken(String lastItem) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastItem.getBytes(StandardCharsets.UTF_8));
  }
}
