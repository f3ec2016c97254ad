package dev.lightbox.server;

import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.internal.http.HttpServer;
import dev.lightbox.server.internal.media.BasicMediaEngine;
import dev.lightbox.server.internal.media.MediaEngine;
import dev.lightbox.server.internal.media.ProcessorMediaEngine;
import dev.lightbox.server.internal.storage.LibraryStorage;
import dev.lightbox.server.internal.storage.StoreFactory;
import dev.lightbox.server.internal.storage.TemporarySweeps;
import dev.lightbox.storage.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The media library server: catalog, storage, media engine and HTTP API, started from a validated
 * {@link ServerConfig}. Closing it stops the listener and releases the pool and the stores.
 */
public final class LightboxServer implements AutoCloseable {
  private final ServerConfig config;
  private final Catalog catalog;
  private final LibraryStorage storage;
  private final MediaEngine media;
  private final HttpServer http;
  private final TemporarySweeps sweeps;

  private LightboxServer(ServerConfig config, Catalog catalog, LibraryStorage storage, MediaEngine media,
      HttpServer http, TemporarySweeps sweeps) {
    this.config = config;
    this.catalog = catalog;
    this.storage = storage;
    this.media = media;
    this.http = http;
    this.sweeps = sweeps;
  }

  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  public int port() {
    return http.port();
  }

  /** {@code http://localhost:<port>} (or the bound host). */
  public URI baseUri() {
    String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  public ServerConfig config() {
    return config;
  }

  /** The catalog, for tools that run beside the server (migration, checks). */
  public Catalog catalog() {
    return catalog;
  }

  public String mediaEngine() {
    return media.engine();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    try {
      sweeps.close();
      http.close();
    } finally {
      try {
        media.close();
      } finally {
        try {
          storage.close();
        } finally {
          catalog.close();
        }
      }
    }
  }

  /** Starts a server; tests and tools may replace the stores or the media processor. */
  public static final class Builder {
    private final ServerConfig config;
    private final Map<StorageBackend, BlobStore> stores = new EnumMap<>(StorageBackend.class);
    private MediaProcessor mediaProcessor;
    private boolean withoutMedia;
    private Clock clock = Clock.systemUTC();
    private Consumer<String> announce = System.out::println;

    private Builder(ServerConfig config) {
      this.config = config;
    }

    /** Uses {@code store} for {@code backend} instead of opening one from the configuration. */
    public Builder store(StorageBackend backend, BlobStore store) {
      stores.put(backend, store);
      return this;
    }

    public Builder mediaProcessor(MediaProcessor processor) {
      this.mediaProcessor = processor;
      return this;
    }

    /** Stores files with no metadata and no renditions, as on a machine where media processing fails. */
    public Builder withoutMedia() {
      this.withoutMedia = true;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where start-up lines go (the login URL and a generated admin password); default standard output. */
    public Builder announce(Consumer<String> announce) {
      this.announce = announce;
      return this;
    }

    public LightboxServer start() {
      prepareDirectories(config);
      LibraryStorage storage = new LibraryStorage(StoreFactory.open(config, stores), config.storageBackend());
      Catalog catalog = null;
      MediaEngine media = null;
      try {
        catalog = Catalog.open(config.dbUrl(), config.dbUser(), config.dbPassword());
        StoreFactory.checkCatalogBackends(catalog, storage);
        media = media();
        HttpServer http = HttpServer.start(config, catalog, storage, media, clock, announce);
        // Leftovers of writes killed with an earlier process (days old, never a write in progress).
        TemporarySweeps sweeps = TemporarySweeps.start(storage, TemporarySweeps.DAILY);
        return new LightboxServer(config, catalog, storage, media, http, sweeps);
      } catch (RuntimeException e) {
        if (media != null) {
          media.close();
        }
        if (catalog != null) {
          catalog.close();
        }
        storage.close();
        throw e;
      }
    }

    private MediaEngine media() {
      if (withoutMedia) {
        return new BasicMediaEngine("disabled");
      }
      if (mediaProcessor != null) {
        return new ProcessorMediaEngine(mediaProcessor);
      }
      try {
        return new ProcessorMediaEngine(MediaProcessors.create(MediaConfig.defaults(config.tempDir())));
      } catch (RuntimeException | LinkageError e) {
        return new BasicMediaEngine("media processing unavailable: " + e.getMessage());
      }
    }
  }

  private static void prepareDirectories(ServerConfig config) {
    try {
      Files.createDirectories(config.dataDir());
      Files.createDirectories(config.tempDir());
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(config.tempDir(), "lightbox-*")) {
        for (Path p : leftovers) {
          Files.deleteIfExists(p); // temp files of a process that was killed mid-upload
        }
      }
    } catch (IOException e) {
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "cannot prepare the data dir "
          + config.dataDir() + ": " + e.getMessage() + "; set LIGHTBOX_DATA_DIR to a writable directory", e);
    }
  }
}
