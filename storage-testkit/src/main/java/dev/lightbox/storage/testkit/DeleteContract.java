package dev.lightbox.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;

/** Deletes are idempotent, batched with per-key results, and prefix deletes are careful. */
public abstract class DeleteContract extends ListingContract {

  @Test
  void deletingAMissingKeySucceeds() {
    store.delete(key("never-existed"));
    store.delete(key("never-existed"));
  }

  @Test
  void deleteManyReportsEveryKey() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("d/" + i);
    }
    putAll(names);
    List<BlobKey> keys = new ArrayList<>(names.stream().map(this::key).toList());
    keys.add(key("d/missing"));

    DeleteManyResult result = store.deleteMany(keys);
    assertThat(result.allDeleted()).isTrue();
    assertThat(result.deleted()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(store.listAll(base).count()).isZero();
  }

  @Test
  void deletePrefixIsADryRunByDefaultAndRefusesAnEmptyPrefix() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      names.add("tmp/" + i);
    }
    names.add("keep/me");
    putAll(names);

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
