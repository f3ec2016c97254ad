package dev.lightbox.storage;

import java.util.List;

/**
 * One page of a listing in key order. {@code objects} may carry only key, size, etag and last-modified
 * (a listing does not fetch content type or metadata; call {@code head} for those). {@code nextToken} is
 * null on the last page.
 */
public record ListPage(List<BlobInfo> objects, List<String> commonPrefixes, String nextToken) {
  public ListPage {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  public boolean hasMore() {
    return nextToken != null;
  }
}
