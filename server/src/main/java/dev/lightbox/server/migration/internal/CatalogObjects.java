package dev.lightbox.server.migration.internal;

import dev.lightbox.server.catalog.Location;
import dev.lightbox.server.catalog.ObjectKind;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog as the migration sees it: the current location, hash and version of objects, read in bulk,
 * and the conditional switch of one object's location. The switch follows the catalog's rule (see
 * {@code V1__catalog.sql}): it bumps the asset's version and only happens when the version read is current.
 */
public final class CatalogObjects {
  private final Jdbi jdbi;

  public CatalogObjects(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The current objects of the given items, keyed by {@link CurrentObject#ref()}; absent when gone. */
  public Map<String, CurrentObject> read(Collection<ItemRow> items) {
    Set<String> ids = new LinkedHashSet<>();
    items.forEach(i -> ids.add(i.assetId()));
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbi.withHandle(h -> read(h, List.copyOf(ids)));
  }

  public CurrentObject read(String assetId, ObjectKind kind) {
    return jdbi.withHandle(h -> read(h, List.of(assetId))).get(assetId + "/" + kind.id());
  }

  private static Map<String, CurrentObject> read(Handle h, List<String> ids) {
    Map<String, CurrentObject> out = new HashMap<>();
    Map<String, long[]> versions = new HashMap<>();
    h.createQuery("SELECT id, version, sha256, size_bytes, media_type, original_location FROM assets"
            + " WHERE id IN (<ids>)")
        .bindList("ids", ids)
        .map((rs, ctx) -> new CurrentObject(rs.getString("id"), ObjectKind.ORIGINAL, rs.getLong("version"),
            Location.parse(rs.getString("original_location")), rs.getString("sha256"), rs.getLong("size_bytes"),
            rs.getString("media_type")))
        .forEach(o -> {
          out.put(o.ref(), o);
          versions.put(o.assetId(), new long[] {o.version()});
        });
    h.createQuery("SELECT asset_id, kind, location, sha256, size_bytes, media_type FROM renditions"
            + " WHERE asset_id IN (<ids>)")
        .bindList("ids", ids)
        .map((rs, ctx) -> new Object[] {rs.getString("asset_id"), rs.getString("kind"), rs.getString("location"),
            rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("media_type")})
        .forEach(r -> {
          long[] version = versions.get((String) r[0]);
          ObjectKind kind = ObjectKind.fromId((String) r[1]);
          if (version != null && kind != null) {
            CurrentObject o = new CurrentObject((String) r[0], kind, version[0], Location.parse((String) r[2]),
                (String) r[3], (Long) r[4], (String) r[5]);
            out.put(o.ref(), o);
          }
        });
    return out;
  }

  /**
   * Points the object at {@code to} when the asset still has {@code version} and the object is still at
   * {@code from}; bumps the version. Runs inside the caller's transaction under a savepoint, so a refused
   * switch leaves nothing behind. Returns false when refused.
   */
  static boolean switchLocation(Handle h, String savepoint, String assetId, ObjectKind kind, long version,
      Location from, Location to) {
    h.savepoint(savepoint);
    boolean original = kind == ObjectKind.ORIGINAL;
    int bumped = h.createUpdate("UPDATE assets SET version = version + 1, updated_at = :now"
            + (original ? ", original_location = :to" : "")
            + " WHERE id = :id AND version = :version" + (original ? " AND original_location = :from" : ""))
        .bind("now", System.currentTimeMillis()).bind("to", to.toString()).bind("from", from.toString())
        .bind("id", assetId).bind("version", version).execute();
    boolean ok = bumped == 1;
    if (ok && !original) {
      ok = h.createUpdate("UPDATE renditions SET location = :to WHERE asset_id = :id AND kind = :kind"
              + " AND location = :from")
          .bind("to", to.toString()).bind("from", from.toString()).bind("id", assetId)
          .bind("kind", kind.rendition().id()).execute() == 1;
    }
    if (ok) {
      h.releaseSavepoint(savepoint);
    } else {
      h.rollbackToSavepoint(savepoint);
    }
    return ok;
  }
}
