package dev.lightbox.storage.s3.doctor;

import java.util.ArrayList;
import java.util.List;

import dev.lightbox.storage.StorageException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;

/**
 * Removes everything the doctor made, and only that: every request names a key inside the temporary
 * prefix (checked before it is sent). Incomplete uploads are aborted, every object version and delete
 * marker removed (lifting a legal hold, bypassing GOVERNANCE retention), then the prefix is listed again.
 */
final class DoctorCleanup {
  /** Whether the prefix is empty afterwards, and what was done or is left. */
  record Outcome(boolean clean, String text) {
  }

  private final ProbeContext ctx;
  private int removed;
  private final List<String> problems = new ArrayList<>();

  DoctorCleanup(ProbeContext ctx) {
    this.ctx = ctx;
  }

  Outcome run() {
    abortUploads();
    deleteVersions();
    deleteObjects();
    List<String> left = leftovers();
    if (left.isEmpty()) {
      return new Outcome(true, "removed " + removed + " object(s) and version(s) under " + ctx.prefix
          + "; nothing else in the bucket was touched");
    }
    return new Outcome(false, "could not remove " + left.size() + " item(s) under " + ctx.prefix + " (" + String.join(
        "; ", problems) + "). Remove them with: aws s3 rm --recursive s3://" + ctx.bucket() + "/" + ctx.prefix
        + (left.stream().anyMatch(l -> l.startsWith("retained")) ? " (retained objects can be removed once their "
            + "retention ends, about a minute)" : ""));
  }

  private void abortUploads() {
    try {
      for (var upload : ctx.raw.listMultipartUploadsPaginator(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix)).uploads()) {
        inside(upload.key());
        ctx.raw.abortMultipartUpload(b -> b.bucket(ctx.bucket()).key(upload.key()).uploadId(upload.uploadId()));
      }
    } catch (RuntimeException e) {
      problems.add("incomplete uploads: " + ProbeContext.reason(ctx.error(e, "abort uploads")));
    }
  }

  private void deleteVersions() {
    try {
      var versions = ctx.raw.listObjectVersionsPaginator(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix));
      for (var page : versions) {
        for (var v : page.versions()) {
          deleteVersion(v.key(), v.versionId());
        }
        for (var marker : page.deleteMarkers()) {
          deleteVersion(marker.key(), marker.versionId());
        }
      }
    } catch (RuntimeException e) {
      StorageException mapped = ctx.error(e, "list versions");
      if (mapped.kind() != StorageException.Kind.UNSUPPORTED && mapped.kind() != StorageException.Kind.INVALID_ARGUMENT) {
        problems.add("versions: " + ProbeContext.reason(mapped));
      }
    }
  }

  private void deleteVersion(String key, String versionId) {
    inside(key);
    if (versionId == null || versionId.equals("null")) {
      return;
    }
    try {
      ctx.raw.deleteObject(b -> b.bucket(ctx.bucket()).key(key).versionId(versionId));
      removed++;
    } catch (RuntimeException locked) {
      try {
        ctx.raw.putObjectLegalHold(b -> b.bucket(ctx.bucket()).key(key).versionId(versionId)
            .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
      } catch (RuntimeException noHold) {
        // not held: retention it is
      }
      try {
        ctx.raw.deleteObject(b -> b.bucket(ctx.bucket()).key(key).versionId(versionId).bypassGovernanceRetention(true));
        removed++;
      } catch (RuntimeException e) {
        problems.add("retained " + key + ": " + ProbeContext.reason(ctx.error(e, "delete version")));
      }
    }
  }

  private void deleteObjects() {
    try {
      for (var o : ctx.raw.listObjectsV2Paginator(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix)).contents()) {
        inside(o.key());
        try {
          ctx.raw.deleteObject(b -> b.bucket(ctx.bucket()).key(o.key()));
          removed++;
        } catch (RuntimeException e) {
          problems.add(o.key() + ": " + ProbeContext.reason(ctx.error(e, "delete")));
        }
      }
    } catch (RuntimeException e) {
      problems.add("listing: " + ProbeContext.reason(ctx.error(e, "list")));
    }
  }

  private List<String> leftovers() {
    List<String> left = new ArrayList<>();
    try {
      ctx.raw.listObjectsV2Paginator(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix)).contents()
          .forEach(o -> left.add("object " + o.key()));
      ctx.raw.listMultipartUploadsPaginator(b -> b.bucket(ctx.bucket()).prefix(ctx.prefix)).uploads()
          .forEach(u -> left.add("upload " + u.key()));
    } catch (RuntimeException e) {
      left.add("unknown (" + ProbeContext.reason(ctx.error(e, "list")) + ")");
    }
    problems.stream().filter(p -> p.startsWith("retained")).forEach(left::add);
    return left;
  }

  /** The guard: the clean-up never names a key outside the doctor's prefix. */
  private void inside(String key) {
    if (!key.startsWith(ctx.prefix)) {
      throw new IllegalStateException("refusing to touch '" + key + "' outside " + ctx.prefix);
    }
  }
}
