package dev.lightbox.storage;

/**
 * One page of a listing. {@code prefix} may be empty (the whole store); with a {@code delimiter} (usually
 * "/") keys below the next delimiter are rolled up into common prefixes. {@code continuationToken} comes
 * from the previous page's {@link ListPage#nextToken()}.
 */
public record ListRequest(String prefix, String delimiter, String continuationToken, int pageSize) {
  public static final int DEFAULT_PAGE_SIZE = 1000;

  public ListRequest {
    prefix = prefix == null ? "" : prefix;
    if (prefix.startsWith("/")) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "list", null, prefix,
          "a prefix must not start with '/'");
    }
    if (delimiter != null && delimiter.isEmpty()) {
      delimiter = null;
    }
    if (pageSize <= 0 || pageSize > DEFAULT_PAGE_SIZE) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "list", null, prefix,
          "page size must be between 1 and " + DEFAULT_PAGE_SIZE + ", was " + pageSize);
    }
  }

  public static ListRequest of(String prefix) {
    return new ListRequest(prefix, null, null, DEFAULT_PAGE_SIZE);
  }

  public ListRequest withDelimiter(String delimiter) {
    return new ListRequest(prefix, delimiter, continuationToken, pageSize);
  }

  public ListRequest withPageSize(int pageSize) {
    return new ListRequest(prefix, delimiter, continuationToken, pageSize);
  }

  public ListRequest withToken(String token) {
    return new ListRequest(prefix, delimiter, token, pageSize);
  }
}
