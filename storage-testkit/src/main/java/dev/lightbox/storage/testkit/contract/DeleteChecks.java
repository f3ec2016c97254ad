package dev.lightbox.storage.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Deletes are idempotent, batched with per-key results, and prefix deletes are careful. */
final class DeleteChecks {
  private final ContractContext context;
  private final BlobStore store;
  private final String base;

  private DeleteChecks(ContractContext context) {
    this.context = context;
    this.store = context.store();
    this.base = context.base();
  }

  static void register(ContractRegistry registry) {
    registry.group("delete", DeleteChecks::new)
        .check("deletingAMissingKeySucceeds", DeleteChecks::deletingAMissingKeySucceeds)
        .check("deleteManyReportsEveryKey", DeleteChecks::deleteManyReportsEveryKey)
        .check("deletePrefixIsADryRunByDefaultAndRefusesAnEmptyPrefix",
            DeleteChecks::deletePrefixIsADryRunByDefaultAndRefusesAnEmptyPrefix);
  }

  private BlobKey key(String name) {
    return context.key(name);
  }


  void deletingAMissingKeySucceeds() {
    store.delete(key("never-existed"));
    store.delete(key("never-existed"));
  }

  void deleteManyReportsEveryKey() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("d/" + i);
    }
    context.putAll(names);
    List<BlobKey> keys = new ArrayList<>(names.stream().map(this::key).toList());
    keys.add(key("d/missing"));

    DeleteManyResult result = store.deleteMany(keys);
    assertThat(result.allDeleted()).isTrue();
    assertThat(result.deleted()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(store.listAll(base).count()).isZero();
  }

  void deletePrefixIsADryRunByDefaultAndRefusesAnEmptyPrefix() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      names.add("tmp/" + i);
    }
    names.add("keep/me");
    context.putAll(names);

    DeletePrefixResult dry = store.deletePrefix(base + "tmp/");
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.matched()).isEqualTo(25);
    assertThat(dry.matchedBytes()).isEqualTo(25);
    assertThat(dry.deleted()).isZero();
    assertThat(dry.sample()).isNotEmpty();
    assertThat(store.listAll(base + "tmp/").count()).isEqualTo(25);

    DeletePrefixResult real = store.deletePrefix(base + "tmp/", false);
    assertThat(real.complete()).isTrue();
    assertThat(real.deleted()).isEqualTo(25);
    assertThat(store.listAll(base + "tmp/").count()).isZero();
    assertThat(store.exists(key("keep/me"))).isTrue();

    assertThatThrownBy(() -> store.deletePrefix("", false))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("empty prefix");
        });
  }
}
