package dev.lightbox.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lightbox.media.Sidecars;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.Sidecar;
import dev.lightbox.server.http.Json;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobKey;
import dev.lightbox.storage.PutOptions;
import dev.lightbox.storage.StorageException;
import dev.lightbox.storage.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a sidecar file (A1111 {@code .txt}, {@code .json}, {@code .xmp}) with an asset: stores it in the backend
 * of the asset's original, next to it, under a key named by its content, then records it and merges what it
 * says into the asset's metadata where the image says nothing ({@link Sidecars#merge}), in one conditional
 * write. The same name again with the same bytes changes nothing; with other bytes it replaces the old file.
 */
public final class SidecarService {
  private static final Logger LOG = LoggerFactory.getLogger(SidecarService.class);
  private static final int ATTEMPTS = 8;
  private final AssetRepository assets;
  private final LibraryStorage storage;

  /** The sidecar as now recorded, whether this call changed anything, and what could not be read in it. */
  public record Attached(Sidecar sidecar, boolean changed, List<String> warnings) {
  }

  public SidecarService(AssetRepository assets, LibraryStorage storage) {
    this.assets = assets;
    this.storage = storage;
  }

  /** Refuses what cannot be a sidecar before anything is stored: wrong extension, empty, too large. */
  public static Sidecars.Type check(SpooledUpload upload) {
    Sidecars.Type type = Sidecars.typeOf(upload.fileName()).orElseThrow(() -> new ServerException(
        Kind.UNSUPPORTED_FORMAT, "'" + upload.fileName() + "' is not a sidecar; send name.txt (A1111 parameters),"
            + " name.json or name.xmp"));
    if (upload.size() == 0) {
      throw ServerException.badRequest("the sidecar '" + upload.fileName() + "' is empty; send the file's bytes");
    }
    if (upload.size() > Sidecars.MAX_BYTES) {
      throw new ServerException(Kind.TOO_LARGE, "the sidecar '" + upload.fileName() + "' has " + upload.size()
          + " bytes; a sidecar may have at most " + Sidecars.MAX_BYTES);
    }
    return type;
  }

  /** Attaches the spooled sidecar to the owner's asset; 404 when it is missing or someone else's. */
  public Attached attach(String ownerId, String assetId, SpooledUpload upload) {
    Sidecars.Type type = check(upload);
    String name = upload.fileName();
    Asset asset = owned(ownerId, assetId);
    Optional<Sidecar> existing = assets.sidecars().find(assetId, name);
    if (existing.isPresent() && existing.get().sha256().equals(upload.sha256())) {
      return new Attached(existing.get(), false, List.of());
    }
    Sidecars.Facts facts;
    try {
      facts = Sidecars.read(type, Files.readAllBytes(upload.file()));
    } catch (IOException e) {
      throw new ServerException(Kind.INTERNAL, "reading the spooled sidecar '" + name + "' failed", e);
    }
    Location location = new Location(asset.originalLocation().backend(),
        BlobKey.of(key(asset.originalLocation().key().value(), name, upload.sha256(), type)));
    Sidecar row = new Sidecar(assetId, name, type.id(), location, type.mediaType(), upload.size(), upload.sha256(),
        Instant.now());
    put(location, upload, type);
    try {
      for (int attempt = 1; ; attempt++) {
        String merged = Sidecars.merge(asset.metadataJson(), List.of(facts));
        JsonNode m = Json.MAPPER.readTree(merged);
        String prompt = m.path("ai").path("source").asText("").startsWith("sidecar:")
            ? m.path("ai").path("prompt").asText(null) : asset.aiPrompt();
        String capture = asset.captureTime();
        Instant takenAt = asset.takenAt();
        if (capture == null && m.path("captureTimeSource").asText("").startsWith("sidecar:")) {
          OffsetDateTime t = OffsetDateTime.parse(m.get("captureTime").asText());
          capture = t.toString();
          takenAt = t.toInstant();
        }
        if (assets.sidecars().put(row, asset.version(), merged, prompt, capture, takenAt)) {
          break;
        }
        if (attempt >= ATTEMPTS) {
          throw new ServerException(Kind.UNAVAILABLE, "asset " + assetId + " kept changing while the sidecar '"
              + name + "' was attached; try again");
        }
        asset = owned(ownerId, assetId); // changed meanwhile (another sidecar, a migration): merge again
      }
    } catch (RuntimeException | IOException e) {
      removeUnlessReferenced(location);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new ServerException(Kind.INTERNAL, "merging the sidecar '" + name + "' failed", e);
    }
    existing.map(Sidecar::location).filter(old -> !old.equals(location)).ifPresent(this::removeUnlessReferenced);
    return new Attached(row, true, facts.warnings());
  }

  private Asset owned(String ownerId, String assetId) {
    return assets.findById(assetId).filter(a -> a.ownerId().equals(ownerId))
        .orElseThrow(() -> ServerException.notFound("asset " + assetId));
  }

  private void put(Location location, SpooledUpload upload, Sidecars.Type type) {
    try {
      storage.put(location, upload.file(), PutOptions.builder().contentType(type.mediaType())
          .expectedSha256(upload.sha256()).build());
    } catch (StorageException e) {
      throw new ServerException(Kind.UNAVAILABLE, "storing the sidecar '" + upload.fileName() + "' failed ("
          + e.kind() + "); nothing was kept, try again", e.isRetryable(), e);
    }
  }

  private void removeUnlessReferenced(Location location) {
    try {
      if (!assets.sidecars().referenced(location)) {
        storage.delete(location);
      }
    } catch (RuntimeException e) {
      LOG.error("could not remove the unused sidecar object {}; delete it by hand", location, e);
    }
  }

  /**
   * Next to the original: {@code library/u/2024/05/<assetId>.png} keeps {@code <assetId>.sidecar-<hash>.xmp},
   * the hash of the name and content, so a replaced file never overwrites the object a committed row names.
   */
  static String key(String originalKey, String name, String sha256, Sidecars.Type type) {
    int slash = originalKey.lastIndexOf('/');
    int dot = originalKey.lastIndexOf('.');
    String base = dot > slash ? originalKey.substring(0, dot) : originalKey;
    String id = Sha256.hex((name + "\n" + sha256).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    return base + ".sidecar-" + id + "." + type.extension();
  }
}
