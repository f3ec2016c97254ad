package dev.lightbox.storage.s3;

import java.util.List;

/**
 * What {@link S3BlobStore#applyCors(CorsPolicy)} did: whether the Lightbox rule was written and read back
 * as sent, the ids of the bucket's other rules (kept unchanged), and otherwise why not.
 */
public record CorsResult(boolean applied, boolean verified, List<String> kept, String failure) {
  public CorsResult {
    kept = List.copyOf(kept);
  }

  public boolean ok() {
    return applied && verified && failure == null;
  }
}
