package dev.lightbox.cli;

import dev.lightbox.server.config.ConfigLoader;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a command finds the library: the same LIGHTBOX_* settings and config file as {@code serve}. */
final class ConfigOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Config file of LIGHTBOX_NAME=value lines.")
  Path configFile;

  @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR", description = "Data directory (LIGHTBOX_DATA_DIR).")
  Path dataDir;

  ServerConfig load() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (dataDir != null) {
      env.put("LIGHTBOX_DATA_DIR", dataDir.toString());
    }
    ServerConfig config = ConfigLoader.load(env, configFile);
    LogSettings.apply(config.operations().logLevel());
    return config;
  }

  /** The library's configuration; fails when its data dir does not exist (a typo must not start an empty one). */
  ServerConfig loadExisting() {
    ServerConfig config = load();
    if (!Files.isDirectory(config.dataDir())) {
      throw new ConfigException(List.of("LIGHTBOX_DATA_DIR " + config.dataDir() + " does not exist; point"
          + " LIGHTBOX_DATA_DIR (or --data-dir) at the library's data directory"));
    }
    return config;
  }
}
