package dev.lightbox.storage.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.BlobStore;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.StorageException;

/**
 * Deletes every object under a prefix in batches of the store's largest batch delete, page by page.
 * Refuses an empty prefix; stops at the first batch with failures and reports how far it got.
 */
public final class PrefixDeleter {
  private static final int SAMPLE = 20;

  private PrefixDeleter() {
  }

  public static DeletePrefixResult run(BlobStore store, String prefix, boolean dryRun) {
    if (prefix == null || prefix.isEmpty()) {
      throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "deletePrefix", store.describe(), null,
          "refusing to delete with an empty prefix: that would delete the whole store. Name a prefix such as "
              + "'tmp/'");
    }
    int batchSize = store.capabilities().maxBatchDelete();
    long matched = 0;
    long matchedBytes = 0;
    long deleted = 0;
    List<BlobKey> sample = new ArrayList<>();
    List<BlobKey> batch = new ArrayList<>(batchSize);
    try (Stream<BlobInfo> all = store.listAll(prefix)) {
      Iterator<BlobInfo> it = all.iterator();
      while (it.hasNext()) {
        BlobInfo info = it.next();
        matched++;
        matchedBytes += info.size();
        if (sample.size() < SAMPLE) {
          sample.add(info.key());
        }
        if (!dryRun) {
          batch.add(info.key());
          if (batch.size() == batchSize) {
            DeleteManyResult result = store.deleteMany(batch);
            deleted += result.deleted().size();
            if (!result.allDeleted()) {
              return new DeletePrefixResult(prefix, false, matched, matchedBytes, deleted, sample,
                  result.failures(), false);
            }
            batch.clear();
          }
        }
      }
    } catch (StorageException e) {
      return new DeletePrefixResult(prefix, dryRun, matched, matchedBytes, deleted, sample,
          List.of(new DeleteManyResult.Failure(null, e.kind(), e.getMessage())), false);
    }
    if (!batch.isEmpty()) {
      DeleteManyResult result = store.deleteMany(batch);
      deleted += result.deleted().size();
      return new DeletePrefixResult(prefix, false, matched, matchedBytes, deleted, sample, result.failures(),
          result.allDeleted());
    }
    return new DeletePrefixResult(prefix, dryRun, matched, matchedBytes, deleted, sample, List.of(), true);
  }
}
