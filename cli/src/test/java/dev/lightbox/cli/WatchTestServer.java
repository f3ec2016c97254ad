package dev.lightbox.cli;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.assets.Asset;
import dev.lightbox.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real server for watch tests like {@link ImportTestServer}, but on a chosen port and data folder, so that a
 * test can stop it and start it again where the watcher expects it.
 */
final class WatchTestServer {
  private WatchTestServer() {
  }

  /** Port 0 picks a free one; {@code extra} adds settings such as {@code LIGHTBOX_MAX_UPLOAD_SIZE}. */
  static LightboxServer start(Path dir, int port, Map<String, String> extra) {
    Map<String, String> config = new HashMap<>(Map.of("LIGHTBOX_DATA_DIR", dir.resolve("data").toString(),
        "LIGHTBOX_HOST", "127.0.0.1", "LIGHTBOX_PORT", Integer.toString(port), "LIGHTBOX_ADMIN_EMAIL",
        "admin@example.com", "LIGHTBOX_ADMIN_PASSWORD", "admin-password-1"));
    config.putAll(extra);
    return LightboxServer.builder(ConfigLoader.fromMap(config)).withoutMedia().announce(line -> { }).start();
  }

  /** The SHA-256 of every asset in the catalog, one entry per asset (so duplicates would show). */
  static List<String> catalogued(LightboxServer server) {
    List<String> shas = new ArrayList<>();
    for (Asset a : server.catalog().assets().pageById(null, 1_000)) {
      shas.add(a.sha256());
    }
    return shas;
  }
}
