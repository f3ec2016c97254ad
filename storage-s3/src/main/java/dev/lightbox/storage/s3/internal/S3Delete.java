package dev.lightbox.storage.s3.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.DeleteManyResult;
import dev.lightbox.storage.DeletePrefixResult;
import dev.lightbox.storage.ListPage;
import dev.lightbox.storage.ListRequest;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.StorageException.Kind;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** Single, batched and prefix deletes. Deleting a missing key succeeds, as S3 does. */
final class S3Delete {
  private static final int SAMPLE_SIZE = 20;
  private final S3Context ctx;
  private final S3List lister;

  S3Delete(S3Context ctx, S3List lister) {
    this.ctx = ctx;
    this.lister = lister;
  }

  void delete(BlobKey key) {
    String objectKey = ctx.keys().objectKey(key);
    try {
      ctx.client().deleteObject(b -> b.bucket(ctx.bucket()).key(objectKey));
    } catch (RuntimeException e) {
      StorageException error = ctx.error(e, "delete", key.value());
      if (error.kind() != Kind.NOT_FOUND || error.getMessage().contains("NoSuchBucket")) {
        throw error;
      }
    }
  }

  DeleteManyResult deleteMany(Collection<BlobKey> keys) {
    Map<String, BlobKey> byObjectKey = new LinkedHashMap<>();
    List<BlobKey> deleted = new ArrayList<>();
    List<DeleteManyResult.Failure> failures = new ArrayList<>();
    for (BlobKey key : keys) {
      try {
        byObjectKey.putIfAbsent(ctx.keys().objectKey(key), key);
      } catch (StorageException e) {
        failures.add(new DeleteManyResult.Failure(key, e.kind(), e.getMessage()));
      }
    }
    List<Map.Entry<String, BlobKey>> all = new ArrayList<>(byObjectKey.entrySet());
    int batch = ctx.config().maxBatchDelete();
    for (int from = 0; from < all.size(); from += batch) {
      List<Map.Entry<String, BlobKey>> slice = all.subList(from, Math.min(all.size(), from + batch));
      if (batch == 1) {
        deleteOne(slice.getFirst().getValue(), deleted, failures);
      } else {
        deleteBatch(slice, deleted, failures);
      }
    }
    return new DeleteManyResult(deleted, failures);
  }

  private void deleteOne(BlobKey key, List<BlobKey> deleted, List<DeleteManyResult.Failure> failures) {
    try {
      delete(key);
      deleted.add(key);
    } catch (StorageException e) {
      failures.add(new DeleteManyResult.Failure(key, e.kind(), e.getMessage()));
    }
  }

  private void deleteBatch(List<Map.Entry<String, BlobKey>> slice, List<BlobKey> deleted,
      List<DeleteManyResult.Failure> failures) {
    List<ObjectIdentifier> ids = slice.stream().map(e -> ObjectIdentifier.builder().key(e.getKey()).build()).toList();
    try {
      var response = ctx.client().deleteObjects(b -> b.bucket(ctx.bucket()).delete(d -> d.objects(ids).quiet(true)));
      Map<String, S3Error> errors = new LinkedHashMap<>();
      for (S3Error error : response.errors()) {
        errors.put(error.key(), error);
      }
      for (Map.Entry<String, BlobKey> e : slice) {
        S3Error error = errors.get(e.getKey());
        if (error == null || "NoSuchKey".equals(error.code())) {
          deleted.add(e.getValue());
        } else {
          failures.add(new DeleteManyResult.Failure(e.getValue(), S3Errors.kindOf(0, error.code()),
              error.code() + ": " + error.message()));
        }
      }
    } catch (RuntimeException ex) {
      StorageException error = ctx.error(ex, "deleteMany", null);
      for (Map.Entry<String, BlobKey> e : slice) {
        failures.add(new DeleteManyResult.Failure(e.getValue(), error.kind(), error.getMessage()));
      }
    }
  }

  DeletePrefixResult deletePrefix(String prefix, boolean dryRun) {
    if (prefix == null || prefix.isEmpty()) {
      throw StorageException.of(Kind.INVALID_ARGUMENT, "deletePrefix", ctx.store(), null,
          "refusing to delete with an empty prefix, which means every object; name the prefix to delete");
    }
    long matched = 0;
    long bytes = 0;
    long deletedCount = 0;
    List<BlobKey> sample = new ArrayList<>();
    String token = null;
    while (true) {
      ListPage page;
      try {
        page = lister.list(ListRequest.of(prefix).withToken(token));
      } catch (StorageException e) {
        return new DeletePrefixResult(prefix, dryRun, matched, bytes, deletedCount, sample,
            List.of(new DeleteManyResult.Failure(null, e.kind(), e.getMessage())), false);
      }
      List<BlobKey> keys = new ArrayList<>();
      for (BlobInfo info : page.objects()) {
        matched++;
        bytes += info.size();
        keys.add(info.key());
        if (sample.size() < SAMPLE_SIZE) {
          sample.add(info.key());
        }
      }
      if (!dryRun && !keys.isEmpty()) {
        DeleteManyResult result = deleteMany(keys);
        deletedCount += result.deleted().size();
        if (!result.allDeleted()) {
          return new DeletePrefixResult(prefix, false, matched, bytes, deletedCount, sample, result.failures(), false);
        }
      }
      if (!page.hasMore()) {
        break;
      }
      // A real delete that removed keys lists from the start again: what it deleted is gone from the listing.
      token = !dryRun && !keys.isEmpty() ? null : page.nextToken();
    }
    return new DeletePrefixResult(prefix, dryRun, matched, bytes, deletedCount, sample, List.of(), true);
  }
}
