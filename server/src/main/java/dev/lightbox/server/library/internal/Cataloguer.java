package dev.lightbox.server.library.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.media.MediaAnalysis;
import dev.lightbox.media.MediaException;
import dev.lightbox.media.MediaSniffer;
import dev.lightbox.media.MediaType;
import dev.lightbox.media.Rendition;
import dev.lightbox.media.RenditionSpec;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.RenditionKind;
import dev.lightbox.server.assets.StoredRendition;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.ingest.KeyTemplate;
import dev.lightbox.server.ingest.UploadSpooler;
import dev.lightbox.server.library.Library;
import dev.lightbox.server.library.LibraryFile;
import dev.lightbox.server.library.LibraryRepository;
import dev.lightbox.server.media.MediaEngine;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobInfo;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one new or changed library file into catalog state: hash it, and then link it to the owner's asset
 * with the same SHA-256 (dedupe: that asset stays as it is; the file's row records the link), or catalogue
 * it as a new asset whose original stays in the library, or, for a file that changed, replace the content of
 * its asset (version bumped, renditions made again). Renditions go to the normal write backend; the file is
 * only ever read.
 */
public final class Cataloguer {
  private static final Logger LOG = LoggerFactory.getLogger(Cataloguer.class);
  private static final List<RenditionSpec> RENDITIONS = List.of(RenditionSpec.THUMBNAIL, RenditionSpec.PREVIEW);

  private final AssetRepository assets;
  private final LibraryRepository libraries;
  private final LibraryStorage storage;
  private final MediaEngine media;
  private final UploadSpooler temp;

  public Cataloguer(AssetRepository assets, LibraryRepository libraries, LibraryStorage storage, MediaEngine media,
      UploadSpooler temp) {
    this.assets = assets;
    this.libraries = libraries;
    this.storage = storage;
    this.media = media;
    this.temp = temp;
  }

  /** What became of a file: catalogued (new or replaced), linked to an existing asset, or skipped. */
  public enum Outcome { CATALOGUED, LINKED, UNCHANGED, SKIPPED }

  /** The outcome and the file's row as now recorded. */
  public record Result(Outcome outcome, LibraryFile row) {
  }

  /** A new temp file for reading a library object (removed by the caller). */
  public Path tempFile(String suffix) {
    return temp.newTempFile(suffix);
  }

  public Result catalogue(Library library, LibrarySource source, LibrarySource.Entry entry, LibraryFile previous) {
    long now = System.currentTimeMillis();
    try (LibrarySource.Local local = source.fetch(entry, () -> temp.newTempFile(".library"))) {
      Path file = local.file();
      Optional<MediaType> sniffed = MediaSniffer.sniff(file);
      if (sniffed.isEmpty()) {
        LibraryFile written = row(library, entry, null, null, false, LibraryFile.SKIPPED,
            "not a supported image or video (by its bytes)", now);
        libraries.upsertFile(written);
        return new Result(Outcome.SKIPPED, written);
      }
      String sha = sha256(file);
      long size = Files.size(file);
      Asset previousAsset = previous != null && previous.assetId() != null
          ? assets.findById(previous.assetId()).orElse(null) : null;
      if (previousAsset != null && sha.equals(previous.sha256())) { // touched, same bytes
        LibraryFile written = row(library, entry, sha, previous.assetId(), previous.ownsAsset(), LibraryFile.ONLINE,
            null, now);
        libraries.upsertFile(written);
        if (previous.ownsAsset()) {
          libraries.setOffline(previous.assetId(), null);
        }
        return new Result(Outcome.UNCHANGED, written);
      }
      Optional<Asset> existing = assets.findByOwnerAndSha256(library.ownerId(), sha);
      boolean owned = previousAsset != null && previous.ownsAsset();
      if (owned && (existing.isEmpty() || existing.get().id().equals(previousAsset.id()))) {
        Asset replaced = build(library, entry, file, size, sha, sniffed.get(), previousAsset.id(),
            previousAsset.createdAt(), previousAsset.version() + 1);
        if (libraries.replaceContent(replaced, previousAsset.version())) {
          LibraryFile written = row(library, entry, sha, replaced.id(), true, LibraryFile.ONLINE, null, now);
          libraries.upsertFile(written);
          removeOrphanedRenditions(previousAsset, replaced);
          return new Result(Outcome.CATALOGUED, written);
        }
        throw new IllegalStateException("asset " + previousAsset.id() + " changed while its file was read again;"
            + " the next scan tries again");
      }
      if (owned) { // the new content is another asset the owner has: this one's row goes, the file links there
        removeAsset(previousAsset);
      }
      if (existing.isPresent()) {
        LibraryFile written = row(library, entry, sha, existing.get().id(), false, LibraryFile.ONLINE, null, now);
        libraries.upsertFile(written);
        return new Result(Outcome.LINKED, written);
      }
      Asset created = build(library, entry, file, size, sha, sniffed.get(), UUID.randomUUID().toString(),
          Instant.ofEpochMilli(now), 1);
      try {
        assets.insert(created);
      } catch (RuntimeException e) {
        removeRenditions(created.renditions().values());
        Optional<Asset> raced = assets.findByOwnerAndSha256(library.ownerId(), sha);
        if (raced.isEmpty()) {
          throw e;
        }
        LibraryFile written = row(library, entry, sha, raced.get().id(), false, LibraryFile.ONLINE, null, now);
        libraries.upsertFile(written);
        return new Result(Outcome.LINKED, written);
      }
      LibraryFile written = row(library, entry, sha, created.id(), true, LibraryFile.ONLINE, null, now);
      libraries.upsertFile(written);
      return new Result(Outcome.CATALOGUED, written);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading " + entry.key() + " of " + library.where() + " failed", e);
    }
  }

  private Asset build(Library library, LibrarySource.Entry entry, Path file, long size, String sha,
      MediaType sniffed, String assetId, Instant createdAt, long version) {
    String name = entry.key().substring(entry.key().lastIndexOf('/') + 1);
    MediaAnalysis analysis = media.analyze(file, name, sniffed);
    MediaType type = MediaSniffer.supported(analysis.mimeType()).orElse(sniffed);
    Instant now = Instant.now();
    Instant takenAt = analysis.captureTime() != null ? analysis.captureTime().toInstant()
        : entry.modifiedMillis() > 0 ? Instant.ofEpochMilli(entry.modifiedMillis()) : now;
    List<StoredRendition> stored = new ArrayList<>();
    try {
      Map<RenditionKind, StoredRendition> renditions = renditions(library.ownerId(), assetId, file, name, stored);
      return new Asset(assetId, library.ownerId(), sha, size, type.mimeType(), name,
          Location.inLibrary(library.id(), BlobKey.of(entry.key())), positive(analysis.width()),
          positive(analysis.height()), analysis.captureTime() == null ? null : analysis.captureTime().toString(),
          takenAt, analysis.orientation(), analysis.ai() == null ? null : analysis.ai().prompt(),
          withLibrary(analysis.metadataJson(), library, entry.key()), createdAt, now, version, renditions, false);
    } catch (RuntimeException e) {
      removeRenditions(stored);
      throw e;
    }
  }

  private Map<RenditionKind, StoredRendition> renditions(String ownerId, String assetId, Path file, String name,
      List<StoredRendition> stored) {
    Map<RenditionKind, StoredRendition> out = new EnumMap<>(RenditionKind.class);
    if (!media.rendersRenditions()) {
      return out;
    }
    for (RenditionSpec spec : RENDITIONS) {
      RenditionKind kind = RenditionKind.valueOf(spec.kind().name());
      Path output = temp.newTempFile("." + spec.format().extension());
      try {
        Rendition r = media.render(file, name, spec, output);
        Location location = storage.newLocation(
            KeyTemplate.renditionKey(ownerId, assetId, kind.id(), spec.format().extension()));
        BlobInfo info = storage.put(location, output, PutOptions.builder().contentType(r.mimeType()).build());
        StoredRendition s = new StoredRendition(kind, location, r.mimeType(), r.width(), r.height(), info.size(),
            info.sha256());
        stored.add(s);
        out.put(kind, s);
      } catch (MediaException e) {
        LOG.info("no {} for {}: {}", kind.id(), name, e.getMessage());
      } finally {
        new LibrarySource.Local(output, true).close();
      }
    }
    return out;
  }

  /** The analysis' metadata with where the file is: {@code "library": {"id", "name", "path"}}. */
  static String withLibrary(String metadataJson, Library library, String key) {
    ObjectNode meta;
    try {
      JsonNode parsed = metadataJson == null ? null : Json.MAPPER.readTree(metadataJson);
      meta = parsed instanceof ObjectNode o ? o : Json.object();
    } catch (IOException e) {
      meta = Json.object();
    }
    meta.putObject("library").put("id", library.id()).put("name", library.name()).put("path", key);
    return meta.toString();
  }

  /** Removes an asset this library catalogued (its rows and renditions; its original is the library's file). */
  public void removeAsset(Asset asset) {
    if (assets.delete(asset.id())) {
      removeRenditions(asset.renditions().values());
    }
  }

  private void removeOrphanedRenditions(Asset before, Asset after) {
    List<StoredRendition> orphaned = new ArrayList<>();
    for (StoredRendition r : before.renditions().values()) {
      StoredRendition now = after.renditions().get(r.kind());
      if (now == null || !now.location().equals(r.location())) {
        orphaned.add(r);
      }
    }
    removeRenditions(orphaned);
  }

  private void removeRenditions(Iterable<StoredRendition> renditions) {
    for (StoredRendition r : renditions) {
      try {
        storage.delete(r.location());
      } catch (RuntimeException e) {
        LOG.warn("could not remove the rendition {}; delete it by hand", r.location(), e);
      }
    }
  }

  private static LibraryFile row(Library library, LibrarySource.Entry entry, String sha, String assetId,
      boolean owns, String state, String reason, long now) {
    return new LibraryFile(library.id(), entry.key(), entry.size(), entry.modifiedMillis(), entry.etag(), sha,
        assetId, owns, state, reason, now);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Integer positive(int v) {
    return v > 0 ? v : null;
  }
}
