package dev.lightbox.cli;

import dev.lightbox.server.LightboxServer;
import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lightbox serve}: starts the media library server and runs until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the media library server.",
        "With nothing configured: port 2283, disk storage and a SQLite catalog under ./lightbox-data.",
        "Settings come from LIGHTBOX_* environment variables and an optional config file of NAME=value lines;",
        "the environment wins over the file, and these options win over both.",
        "See docs/configuration.md for every setting."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file of LIGHTBOX_NAME=value lines.")
  Path configFile;

  @Option(names = {"-p", "--port"}, description = "Port to listen on (LIGHTBOX_PORT, default 2283).")
  Integer port;

  @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR", description = "Data directory (LIGHTBOX_DATA_DIR).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    LightboxServer server = start(System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lightbox-shutdown"));
    server.join();
    return 0;
  }

  /** Starts the server and prints where to log in. */
  LightboxServer start(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    if (port != null) {
      env.put("LIGHTBOX_PORT", port.toString());
    }
    if (dataDir != null) {
      env.put("LIGHTBOX_DATA_DIR", dataDir.toString());
    }
    ServerConfig config = ConfigLoader.load(env, configFile);
    LogSettings.apply(config.operations().logLevel());
    LightboxServer server = LightboxServer.builder(config).announce(System.out::println).start();
    System.out.println("Lightbox is running at " + server.baseUri() + "/ (data in " + config.dataDir() + ", catalog "
        + (config.usesPostgres() ? "PostgreSQL" : "SQLite") + ", new uploads to " + config.storageBackend().id()
        + ", media engine: " + server.mediaEngine() + ")");
    System.out.println("Log in: open " + server.baseUri() + "/ in a browser (the gallery) as " + config.adminEmail()
        + "; API reference: " + server.baseUri() + "/api/openapi.json");
    return server;
  }
}
