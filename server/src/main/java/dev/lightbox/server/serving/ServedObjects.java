package dev.lightbox.server.serving;

import dev.lightbox.server.ServerException;
import dev.lightbox.server.ServerException.Kind;
import dev.lightbox.server.accounts.User;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.assets.Location;
import dev.lightbox.server.assets.ObjectKind;
import dev.lightbox.server.cache.BoundedCache;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.storage.BlobStream;
import dev.lightbox.storage.ByteRange;
import dev.lightbox.storage.StorageException;
import java.io.IOException;

/**
 * The objects of the caller's assets: found through the asset rows (another user's asset is a 404, like a
 * missing one) and read from their stores. A read that finds the object gone reads the row again, once: a
 * migration may have moved the object.
 */
final class ServedObjects {
  private static final int MAX_SERVED = 50_000;
  private final AssetService assets;
  private final LibraryStorage storage;
  /** Per object, the values every answer repeats; an entry is good while its asset row is the cached one. */
  private final BoundedCache<Location, ServedObject> served = BoundedCache.entries(MAX_SERVED);

  ServedObjects(AssetService assets, LibraryStorage storage) {
    this.assets = assets;
    this.storage = storage;
  }

  ServedObject resolve(User user, String id, ObjectKind kind, boolean fresh) {
    ServedObject obj = served(assets.get(user, id, fresh), kind);
    if (obj == null) {
      throw ServerException.notFound("the " + kind.id() + " of asset " + id);
    }
    return obj;
  }

  /** An original that is missing from its library in place is gone for now (410), with what to do. */
  static void refuseOffline(ServedObject obj) {
    if (obj.kind() == ObjectKind.ORIGINAL && obj.asset().offline()) {
      throw new ServerException(Kind.GONE, "the original of asset " + obj.asset().id() + " is offline: its file is"
          + " missing from the library it lives in; put the file back (a rescan brings it online again)");
    }
  }

  /** The object of this kind of this very asset row, or null when it has none. */
  ServedObject served(Asset asset, ObjectKind kind) {
    Location location = ServedObject.locationOf(asset, kind);
    if (location == null) {
      return null;
    }
    ServedObject obj = served.get(location);
    if (obj == null || obj.asset() != asset || obj.kind() != kind) {
      obj = ServedObject.of(asset, kind);
      served.put(location, obj);
    }
    return obj;
  }

  /** A small object or range, read in one go. */
  byte[] readSmall(User user, ServedObject obj, ByteRange.Resolved range) throws IOException {
    long length = range == null ? obj.size() : range.length();
    try (BlobStream in = open(user, obj, range)) {
      return readFully(in, length, obj);
    }
  }

  /** The whole object from where the row says, without reading the row again. */
  byte[] readWhole(ServedObject obj) throws IOException {
    try (BlobStream in = storage.open(obj.location(), null)) {
      return readFully(in, obj.size(), obj);
    }
  }

  private static byte[] readFully(BlobStream in, long length, ServedObject obj) throws IOException {
    byte[] bytes = new byte[(int) length];
    if (in.readNBytes(bytes, 0, bytes.length) != length) {
      throw new IOException("the stored " + obj.kind().id() + " of asset " + obj.asset().id() + " ended early");
    }
    return bytes;
  }

  /** The object or range from its store; when it is not where the row said, from where the row says now. */
  BlobStream open(User user, ServedObject obj, ByteRange.Resolved range) {
    ByteRange r = range == null ? null : ByteRange.of(range.first(), range.length());
    try {
      return storage.open(obj.location(), r);
    } catch (StorageException e) {
      if (e.kind() != StorageException.Kind.NOT_FOUND) {
        throw new ServerException(Kind.UNAVAILABLE, "reading the " + obj.kind().id() + " of asset "
            + obj.asset().id() + " failed (" + e.kind() + "); try again", e.isRetryable(), e);
      }
    }
    ServedObject fresh = resolve(user, obj.asset().id(), obj.kind(), true);
    refuseOffline(fresh);
    try {
      return storage.open(fresh.location(), r);
    } catch (StorageException e) {
      if (fresh.location().isLibrary() && e.kind() == StorageException.Kind.NOT_FOUND) {
        throw new ServerException(Kind.GONE, "the original of asset " + obj.asset().id() + " is missing from the"
            + " library it lives in; put the file back, or rescan the library to mark it offline", e);
      }
      throw new ServerException(Kind.INTERNAL, "the " + obj.kind().id() + " of asset " + obj.asset().id()
          + " is in the catalog but missing from storage; an admin should check " + fresh.location(), e);
    }
  }
}
