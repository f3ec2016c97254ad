package dev.lightbox.server.ingest;

import dev.lightbox.server.assets.Asset;
import java.util.List;

/** The stored asset, or the existing one when the upload was a duplicate, with what went wrong softly. */
public record IngestResult(Asset asset, boolean duplicate, List<String> warnings) {
  public IngestResult {
    warnings = List.copyOf(warnings);
  }
}
