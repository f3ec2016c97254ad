package dev.lightbox.server.downloads;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.OriginalFile;
import dev.lightbox.server.downloads.internal.ArchiveNames;
import dev.lightbox.server.downloads.internal.ZipEntrySpec;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans ZIP archives of originals. The caller decides whose assets may be in it (the selection route: the
 * caller's own; an album or a share later: the owner's, after its own access check) and hands over the ids;
 * all of them must be that owner's, or nothing is sent and the answer says how many are not found.
 */
public final class DownloadService {
  /** The most assets one archive may hold (its plan keeps about 200 bytes per asset in memory). */
  public static final int MAX_ENTRIES = 100_000;
  private final AssetRepository assets;
  private final LibraryStorage storage;

  public DownloadService(AssetRepository assets, LibraryStorage storage) {
    this.assets = assets;
    this.storage = storage;
  }

  /**
   * The archive of the originals of {@code assetIds} (repeats dropped, order kept), all of which must be
   * {@code ownerId}'s; {@code requestedName} (may be null) names the archive.
   */
  public ZipDownload zip(String ownerId, Collection<String> assetIds, String requestedName) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(assetIds));
    if (ids.isEmpty()) {
      throw ServerException.badRequest("name at least one asset in 'assetIds'");
    }
    if (ids.size() > MAX_ENTRIES) {
      throw new ServerException(Kind.TOO_LARGE, "an archive may hold at most " + MAX_ENTRIES + " assets, "
          + ids.size() + " were asked for; download them in several archives");
    }
    Map<String, OriginalFile> found = new HashMap<>();
    for (OriginalFile f : assets.originals(ownerId, ids)) {
      found.put(f.assetId(), f);
    }
    if (found.size() != ids.size()) {
      List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
      throw ServerException.notFound(missing.size() + " of the " + ids.size() + " assets asked for ("
          + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
          + (missing.size() > 5 ? ", ..." : "") + ")");
    }
    ArchiveNames names = new ArchiveNames();
    List<ZipDownload.Entry> entries = new ArrayList<>(ids.size());
    for (String id : ids) {
      OriginalFile f = found.get(id);
      ZipEntrySpec spec = new ZipEntrySpec(names.unique(f.originalName()), f.sizeBytes(),
          f.takenAt().getEpochSecond());
      entries.add(new ZipDownload.Entry(id, f.location(), spec));
    }
    found.clear();
    return new ZipDownload(archiveName(requestedName), entries, entry -> open(ownerId, entry));
  }

  /** The archive's file name: the one asked for, made safe, ending in .zip; "lightbox.zip" without one. */
  static String archiveName(String requested) {
    if (requested == null || requested.isBlank()) {
      return "lightbox.zip";
    }
    String name = ArchiveNames.safe(requested);
    return name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name : name + ".zip";
  }

  /**
   * The original's bytes from where the row said when the archive was planned; when the object is not there
   * (a migration moved it since), from where the row says now. An asset deleted meanwhile fails the archive.
   */
  private BlobStream open(String ownerId, ZipDownload.Entry entry) {
    BlobStream in;
    try {
      in = storage.open(entry.location(), null);
    } catch (StorageException e) {
      if (e.kind() != StorageException.Kind.NOT_FOUND) {
        throw unavailable(entry.assetId(), e);
      }
      List<OriginalFile> now = assets.originals(ownerId, List.of(entry.assetId()));
      if (now.isEmpty()) {
        throw new ServerException(Kind.CONFLICT, "asset " + entry.assetId() + " was deleted while its archive was"
            + " being sent; download the archive again");
      }
      try {
        in = storage.open(now.getFirst().location(), null);
      } catch (StorageException again) {
        if (again.kind() != StorageException.Kind.NOT_FOUND) {
          throw unavailable(entry.assetId(), again);
        }
        throw new ServerException(Kind.INTERNAL, "the original of asset " + entry.assetId() + " is in the catalog"
            + " but missing from storage; an admin should check " + now.getFirst().location(), again);
      }
    }
    if (in.contentLength() != entry.spec().size()) {
      long size = in.contentLength();
      closeQuietly(in);
      throw new ServerException(Kind.INTERNAL, "the original of asset " + entry.assetId() + " holds " + size
          + " bytes but the catalog says " + entry.spec().size() + "; an admin should check it");
    }
    return in;
  }

  private static ServerException unavailable(String assetId, StorageException e) {
    return new ServerException(Kind.UNAVAILABLE, "reading the original of asset " + assetId + " failed ("
        + e.kind() + "); try again", e.isRetryable(), e);
  }

  private static void closeQuietly(BlobStream in) {
    try {
      in.close();
    } catch (java.io.IOException | RuntimeException ignored) {
      // already failing
    }
  }
}
