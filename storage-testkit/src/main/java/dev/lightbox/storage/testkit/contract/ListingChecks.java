package dev.lightbox.storage.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.KeyOrder;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;

/** Listings in key order, over more than 1,000 keys, with pagination and delimiters. */
final class ListingChecks {
  private final ContractContext context;
  private final BlobStore store;
  private final String base;

  private ListingChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
    this.base = context.base();
  }

  static void register(ContractRegistry registry) {
    registry.group("listing", ListingChecks::new)
        .check("listsMoreThanAThousandKeysPageByPage", ListingChecks::listsMoreThanAThousandKeysPageByPage)
        .check("delimiterRollsUpCommonPrefixes", ListingChecks::delimiterRollsUpCommonPrefixes)
        .check("partialNamePrefixMatchesAcrossDirectories", ListingChecks::partialNamePrefixMatchesAcrossDirectories);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }


  private List<String> sorted(List<String> names) {
    return names.stream().map(n -> base + n).sorted(KeyOrder::compare).toList();
  }

  void listsMoreThanAThousandKeysPageByPage() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      names.add(String.format("k%05d", (i * 7919) % 1100));
    }
    names.add("a/x");
    names.add("a-b");
    names.add("a.c");
    context.putAll(names);

    List<String> seen = new ArrayList<>();
    int pages = 0;
    ListRequest request = ListRequest.of(base).withPageSize(250);
    while (true) {
      ListPage page = store.list(request);
      pages++;
      page.objects().forEach(o -> seen.add(o.key().value()));
      assertThat(page.objects().size()).isLessThanOrEqualTo(250);
      if (!page.hasMore()) {
        break;
      }
      request = request.withToken(page.nextToken());
    }
    assertThat(seen).containsExactlyElementsOf(sorted(names));
    assertThat(pages).isEqualTo(5);
    assertThat(store.listAll(base).map(o -> o.key().value()).collect(Collectors.toList()))
        .containsExactlyElementsOf(sorted(names));
    assertThat(store.list(ListRequest.of(base)).objects()).hasSize(1000);
  }

  void delimiterRollsUpCommonPrefixes() throws Exception {
    context.putAll(List.of("top1", "top2", "dir1/a", "dir1/b", "dir1/sub/c", "dir2/d", "dir3/e", "dirz"));

    ListPage page = store.list(ListRequest.of(base).withDelimiter("/"));
    assertThat(page.objects()).extracting(o -> o.key().value())
        .containsExactly(base + "dirz", base + "top1", base + "top2");
    assertThat(page.commonPrefixes()).containsExactly(base + "dir1/", base + "dir2/", base + "dir3/");

    ListPage inside = store.list(ListRequest.of(base + "dir1/").withDelimiter("/"));
    assertThat(inside.objects()).extracting(o -> o.key().value()).containsExactly(base + "dir1/a", base + "dir1/b");
    assertThat(inside.commonPrefixes()).containsExactly(base + "dir1/sub/");

    List<String> paged = new ArrayList<>();
    ListRequest request = ListRequest.of(base).withDelimiter("/").withPageSize(2);
    while (true) {
      ListPage p = store.list(request);
      p.commonPrefixes().forEach(paged::add);
      p.objects().forEach(o -> paged.add(o.key().value()));
      if (!p.hasMore()) {
        break;
      }
      request = request.withToken(p.nextToken());
    }
    assertThat(paged).containsExactlyInAnyOrder(base + "dir1/", base + "dir2/", base + "dir3/", base + "dirz",
        base + "top1", base + "top2");
  }

  void partialNamePrefixMatchesAcrossDirectories() throws Exception {
    context.putAll(List.of("photo-1", "photos/a", "photography", "other"));
    assertThat(store.listAll(base + "photo").map(BlobInfo::key).map(BlobKey::value).toList())
        .containsExactly(base + "photo-1", base + "photography", base + "photos/a");
    assertThat(store.list(ListRequest.of(base + "nothing-here/")).objects()).isEmpty();
  }
}
