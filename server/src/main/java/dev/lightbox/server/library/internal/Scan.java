package dev.lightbox.server.library.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.library.Library;
import dev.lightbox.server.library.LibraryFile;
import dev.lightbox.server.library.LibraryRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One pass over a library: list it, catalogue what is new or changed, leave alone what is unchanged, mark
 * assets whose files are gone offline (and online again when they are back), then attach provenance
 * manifests to their assets. Reads the library only; every failure of one file is counted and the scan goes on.
 */
public final class Scan {
  private static final int MAX_MANIFEST_BYTES = 4 << 20;
  private final LibraryRepository libraries;
  private final AssetRepository assets;
  private final Cataloguer cataloguer;

  public Scan(LibraryRepository libraries, AssetRepository assets, Cataloguer cataloguer) {
    this.libraries = libraries;
    this.assets = assets;
    this.cataloguer = cataloguer;
  }

  public void run(Library library, LibrarySource source, ScanProgress p, BooleanSupplier cancelled) {
    List<LibrarySource.Entry> entries = new ArrayList<>();
    source.list(entries::add, (key, why) -> p.skip("name not usable as a key: " + why));
    Layouts layouts = new Layouts();
    entries.forEach(e -> layouts.learn(e.key()));
    Map<String, LibraryFile> known = new HashMap<>(libraries.files(library.id()));
    Set<String> liveAssets = assets.existingIds(known.values().stream().map(LibraryFile::assetId)
        .filter(java.util.Objects::nonNull).toList());
    Set<String> changedAssets = new HashSet<>();
    List<LibrarySource.Entry> manifests = new ArrayList<>();
    Map<String, LibraryFile> manifestRows = new HashMap<>();
    for (LibrarySource.Entry e : entries) {
      if (cancelled.getAsBoolean()) {
        return;
      }
      p.found.incrementAndGet();
      switch (layouts.role(e.key())) {
        case MANIFEST -> {
          manifests.add(e);
          LibraryFile row = known.remove(e.key());
          if (row != null) {
            manifestRows.put(e.key(), row);
          }
        }
        case SKIPPED -> p.skip(layouts.skipReason(e.key()));
        case MEDIA -> media(library, source, e, known.remove(e.key()), liveAssets, changedAssets, p);
      }
    }
    if (cancelled.getAsBoolean()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (LibraryFile gone : known.values()) {
      if (!LibraryFile.ONLINE.equals(gone.state())) {
        if (!LibraryFile.OFFLINE.equals(gone.state())) {
          libraries.deleteFile(library.id(), gone.path()); // a skipped file or a manifest that was removed
        }
        continue;
      }
      libraries.upsertFile(new LibraryFile(gone.libraryId(), gone.path(), gone.sizeBytes(), gone.modifiedAt(),
          gone.etag(), gone.sha256(), gone.assetId(), gone.ownsAsset(), LibraryFile.OFFLINE, null, now));
      if (gone.ownsAsset() && gone.assetId() != null) {
        libraries.setOffline(gone.assetId(), Instant.ofEpochMilli(now));
      }
      p.wentOffline.incrementAndGet();
    }
    Map<String, LibraryFile> rows = manifests.isEmpty() ? Map.of() : libraries.files(library.id());
    for (LibrarySource.Entry m : manifests) {
      if (cancelled.getAsBoolean()) {
        return;
      }
      try {
        manifest(library, source, layouts, rows, m, manifestRows.get(m.key()), changedAssets, p);
      } catch (RuntimeException ex) {
        p.error(m.key(), ex);
      }
    }
  }

  private void media(Library library, LibrarySource source, LibrarySource.Entry e, LibraryFile previous,
      Set<String> liveAssets, Set<String> changedAssets, ScanProgress p) {
    boolean assetGone = previous != null && previous.assetId() != null && !liveAssets.contains(previous.assetId());
    if (previous != null && !assetGone && previous.unchanged(e.size(), e.modifiedMillis(), e.etag())) {
      switch (previous.state()) {
        case LibraryFile.SKIPPED -> p.skip(previous.skipReason());
        case LibraryFile.OFFLINE -> {
          libraries.upsertFile(new LibraryFile(previous.libraryId(), previous.path(), previous.sizeBytes(),
              previous.modifiedAt(), previous.etag(), previous.sha256(), previous.assetId(), previous.ownsAsset(),
              LibraryFile.ONLINE, null, System.currentTimeMillis()));
          if (previous.ownsAsset()) {
            libraries.setOffline(previous.assetId(), null);
          }
          p.backOnline.incrementAndGet();
        }
        default -> p.unchanged.incrementAndGet();
      }
      return;
    }
    try {
      Cataloguer.Result result = cataloguer.catalogue(library, source, e, assetGone ? null : previous);
      switch (result.outcome()) {
        case CATALOGUED -> p.catalogued.incrementAndGet();
        case LINKED -> p.linked.incrementAndGet();
        case UNCHANGED -> p.unchanged.incrementAndGet();
        case SKIPPED -> p.skip("not a supported image or video (by its bytes)");
      }
      if (result.row().assetId() != null) {
        changedAssets.add(result.row().assetId());
      }
    } catch (RuntimeException ex) {
      p.error(e.key(), ex);
    }
  }

  private void manifest(Library library, LibrarySource source, Layouts layouts, Map<String, LibraryFile> rows,
      LibrarySource.Entry m, LibraryFile previous, Set<String> changedAssets, ScanProgress p) {
    String assetId = target(library, layouts, rows, m.key());
    if (assetId == null) {
      p.skip("provenance manifest whose asset is not in the library");
      return;
    }
    if (previous != null && assetId.equals(previous.assetId()) && !changedAssets.contains(assetId)
        && previous.unchanged(m.size(), m.modifiedMillis(), m.etag())) {
      return; // attached already
    }
    Asset asset = assets.findById(assetId).orElse(null);
    if (asset == null) {
      return;
    }
    JsonNode manifest = read(source, m);
    ObjectNode meta;
    try {
      JsonNode parsed = asset.metadataJson() == null ? null : Json.MAPPER.readTree(asset.metadataJson());
      meta = parsed instanceof ObjectNode o ? o : Json.object();
    } catch (IOException e) {
      meta = Json.object();
    }
    ObjectNode provenance = meta.putObject("provenance");
    provenance.put("format", "genblaze");
    provenance.put("path", m.key());
    provenance.set("manifest", manifest);
    libraries.setMetadata(assetId, meta.toString());
    libraries.upsertFile(new LibraryFile(library.id(), m.key(), m.size(), m.modifiedMillis(), m.etag(), null,
        assetId, false, LibraryFile.MANIFEST, null, System.currentTimeMillis()));
    p.manifests.incrementAndGet();
  }

  /** The asset a manifest describes: by the file beside it, or by the SHA-256 in its name. */
  private String target(Library library, Layouts layouts, Map<String, LibraryFile> rows, String key) {
    String path = layouts.manifestTarget(key);
    if (path != null) {
      LibraryFile row = rows.get(path);
      return row == null ? null : row.assetId();
    }
    String sha = Layouts.manifestSha256(key);
    return sha == null ? null : assets.findByOwnerAndSha256(library.ownerId(), sha).map(Asset::id).orElse(null);
  }

  private JsonNode read(LibrarySource source, LibrarySource.Entry m) {
    if (m.size() > MAX_MANIFEST_BYTES) {
      throw new IllegalArgumentException("the manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    try (LibrarySource.Local local = source.fetch(m, () -> cataloguer.tempFile(".json"));
        InputStream in = Files.newInputStream(local.file())) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("the manifest is not JSON: " + e.getMessage(), e);
    }
  }
}
