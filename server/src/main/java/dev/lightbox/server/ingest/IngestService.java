package dev.lightbox.server.ingest;

import dev.lightbox.media.AiMetadata;
import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.MediaSniffer;
import dev.lightbox.media.MediaType;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.http.FileNames;
import dev.lightbox.server.media.MediaEngine;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a spooled upload into a catalog asset: dedupe by the owner's SHA-256, store the original under the
 * storage template, store the renditions, commit the row last. Any failure removes every object it stored.
 *
 * <p>Crash safety: before each object is put, a {@link StoreIntents} row naming it is committed; the asset's
 * transaction deletes those rows. A process killed anywhere in between leaves intents behind, and
 * {@link StoreIntentSweeps} removes their objects at the next start, so no object stays without a row.
 */
public final class IngestService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final List<RenditionSpec> RENDITIONS = List.of(RenditionSpec.THUMBNAIL, RenditionSpec.PREVIEW);

  private final Catalog catalog;
  private final AssetRepository assets;
  private final StoreIntents intents;
  private final LibraryStorage storage;
  private final MediaEngine media;
  private final KeyTemplate template;
  private final UploadSpooler spooler;

  public IngestService(Catalog catalog, StoreIntents intents, LibraryStorage storage, MediaEngine media,
      KeyTemplate template, UploadSpooler spooler) {
    this.catalog = catalog;
    this.assets = catalog.assets();
    this.intents = intents;
    this.storage = storage;
    this.media = media;
    this.template = template;
    this.spooler = spooler;
  }

  public IngestResult ingest(String ownerId, SpooledUpload upload) {
    if (upload.size() == 0) {
      throw ServerException.badRequest("the upload of '" + upload.fileName() + "' is empty; send the file's bytes");
    }
    MediaType sniffed = sniff(upload);
    Optional<Asset> existing = assets.findByOwnerAndSha256(ownerId, upload.sha256());
    if (existing.isPresent()) { // a file in the trash comes back out of it rather than being stored twice
      Asset found = existing.get();
      if (found.trashed() && assets.marks().restore(ownerId, found.id())) {
        found = assets.findById(found.id()).orElse(found);
      }
      return new IngestResult(found, true, List.of());
    }
    MediaAnalysis analysis = media.analyze(upload.file(), upload.fileName(), sniffed);
    List<String> warnings = new ArrayList<>(analysis.warnings());
    String assetId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instant takenAt = analysis.captureTime() != null ? analysis.captureTime().toInstant() : now;
    LocalDate date = analysis.captureTime() != null ? analysis.captureTime().toLocalDate()
        : now.atOffset(ZoneOffset.UTC).toLocalDate();
    MediaType type = MediaSniffer.supported(analysis.mimeType()).orElse(sniffed);
    String mediaType = type.mimeType();
    Location original = storage.newLocation(template.render(ownerId, assetId, date, type.extension()));

    List<Location> stored = new ArrayList<>();
    try {
      put(original, assetId, "original", upload.file(), PutOptions.builder().contentType(mediaType).expectedSha256(upload.sha256()).build(),
          stored);
      Map<RenditionKind, StoredRendition> renditions = renditions(ownerId, assetId, upload, stored, warnings);
      AiMetadata ai = analysis.ai();
      Asset asset = new Asset(assetId, ownerId, upload.sha256(), upload.size(), mediaType,
          FileNames.clean(upload.fileName()), original, positive(analysis.width()), positive(analysis.height()),
          analysis.captureTime() == null ? null : analysis.captureTime().toString(), takenAt,
          analysis.orientation(), ai == null ? null : ai.prompt(), analysis.metadataJson(), now, now, 1, renditions);
      return commit(asset, warnings, stored);
    } catch (RuntimeException e) {
      removeAll(stored);
      throw e;
    }
  }

  private IngestResult commit(Asset asset, List<String> warnings, List<Location> stored) {
    boolean committed;
    try {
      committed = catalog.inTransaction(h -> {
        if (!intents.on(h).release(stored)) {
          h.rollback(); // a sweep claimed an object of this upload: it may be deleted already
          return false;
        }
        assets.on(h).insert(asset);
        return true;
      });
    } catch (RuntimeException e) {
      Optional<Asset> raced = assets.findByOwnerAndSha256(asset.ownerId(), asset.sha256());
      if (raced.isPresent()) {
        removeAll(stored);
        stored.clear();
        return new IngestResult(raced.get(), true, List.of());
      }
      throw new ServerException(Kind.UNAVAILABLE, "recording '" + asset.originalName()
          + "' in the catalog failed; nothing was kept, try again", e);
    }
    if (!committed) {
      throw new ServerException(Kind.UNAVAILABLE, "storing '" + asset.originalName() + "' took longer than "
          + StoreIntentSweeps.DEFAULT_GRACE.toMinutes() + " minutes, so its objects were taken for the leftovers of an"
          + " interrupted upload; nothing was kept, try again");
    }
    return new IngestResult(asset, false, warnings);
  }

  private Map<RenditionKind, StoredRendition> renditions(String ownerId, String assetId, SpooledUpload upload,
      List<Location> stored, List<String> warnings) {
    Map<RenditionKind, StoredRendition> out = new EnumMap<>(RenditionKind.class);
    if (!media.rendersRenditions()) {
      warnings.add("no thumbnail or preview: " + media.engine());
      return out;
    }
    for (RenditionSpec spec : RENDITIONS) {
      RenditionKind kind = RenditionKind.valueOf(spec.kind().name());
      Path output = spooler.newTempFile("." + spec.format().extension());
      try {
        Rendition r = media.render(upload.file(), upload.fileName(), spec, output);
        Location location = storage.newLocation(
            KeyTemplate.renditionKey(ownerId, assetId, kind.id(), spec.format().extension()));
        BlobInfo info = put(location, assetId, kind.id(), output, PutOptions.builder().contentType(r.mimeType()).build(), stored);
        out.put(kind, new StoredRendition(kind, location, r.mimeType(), r.width(), r.height(), info.size(),
            info.sha256()));
      } catch (MediaException e) {
        warnings.add("no " + kind.id() + ": " + e.getMessage());
      } finally {
        UploadSpooler.deleteQuietly(output);
      }
    }
    return out;
  }

  private BlobInfo put(Location location, String assetId, String purpose, Path file, PutOptions options,
      List<Location> stored) {
    try {
      intents.record(location, assetId, purpose); // committed before the put, so a kill after it is swept
    } catch (RuntimeException e) {
      throw new ServerException(Kind.UNAVAILABLE, "recording the upload of " + location + " in the catalog failed;"
          + " nothing was kept, try again", e);
    }
    try {
      stored.add(location);
      return storage.put(location, file, options);
    } catch (StorageException e) {
      throw new ServerException(Kind.UNAVAILABLE, "storing " + location + " failed (" + e.kind()
          + "); nothing was kept, try again" + (e.isRetryable() ? "" : " after fixing the storage"), e.isRetryable(), e);
    }
  }

  private void removeAll(List<Location> stored) {
    for (Location location : stored) {
      try {
        storage.delete(location);
      } catch (RuntimeException e) {
        LOG.warn("could not remove {} after a failed upload; the sweep of interrupted uploads retries: {}", location,
            e.getMessage());
        continue; // its intent stays, so the sweep removes it later
      }
      try {
        intents.forget(location);
      } catch (RuntimeException e) {
        LOG.warn("could not forget the intent of removed {}; the sweep of interrupted uploads drops it: {}", location,
            e.getMessage());
      }
    }
  }

  private static MediaType sniff(SpooledUpload upload) {
    try {
      return MediaSniffer.sniff(upload.file()).orElseThrow(() -> new ServerException(Kind.UNSUPPORTED_FORMAT,
          "'" + upload.fileName() + "' is not a supported image or video; accepted: JPEG, PNG, WebP, GIF, TIFF,"
              + " HEIC/HEIF, AVIF, MP4, MOV, WebM, MKV"));
    } catch (IOException e) {
      throw new ServerException(Kind.INTERNAL, "reading the spooled upload failed", e);
    }
  }

  private static Integer positive(int v) {
    return v > 0 ? v : null;
  }
}
