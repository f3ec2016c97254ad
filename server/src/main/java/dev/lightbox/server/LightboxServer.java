package dev.lightbox.server;

import dev.lightbox.media.MediaConfig;
import dev.lightbox.media.MediaProcessor;
import dev.lightbox.media.MediaProcessors;
import dev.lightbox.media.Sidecars;
import dev.lightbox.server.accounts.AccountRoutes;
import dev.lightbox.server.accounts.AuthService;
import dev.lightbox.server.accounts.UserService;
import dev.lightbox.server.albums.AlbumRepository;
import dev.lightbox.server.albums.AlbumRoutes;
import dev.lightbox.server.albums.AlbumService;
import dev.lightbox.server.assets.AssetRoutes;
import dev.lightbox.server.assets.AssetService;
import dev.lightbox.server.assets.MarkRoutes;
import dev.lightbox.server.assets.TrashPurge;
import dev.lightbox.server.assets.TrashRoutes;
import dev.lightbox.server.catalog.Catalog;
import dev.lightbox.server.config.ServerConfig;
import dev.lightbox.server.config.StorageBackend;
import dev.lightbox.server.downloads.DownloadRoutes;
import dev.lightbox.server.downloads.DownloadService;
import dev.lightbox.server.http.HttpServer;
import dev.lightbox.server.http.Route;
import dev.lightbox.server.ingest.IngestRoutes;
import dev.lightbox.server.ingest.IngestService;
import dev.lightbox.server.ingest.KeyTemplate;
import dev.lightbox.server.ingest.SidecarRoutes;
import dev.lightbox.server.ingest.SidecarService;
import dev.lightbox.server.ingest.StoreIntentSweeps;
import dev.lightbox.server.ingest.StoreIntents;
import dev.lightbox.server.ingest.UploadSpooler;
import dev.lightbox.server.library.LibraryRoutes;
import dev.lightbox.server.library.LibraryService;
import dev.lightbox.server.media.BasicMediaEngine;
import dev.lightbox.server.media.MediaEngine;
import dev.lightbox.server.media.ProcessorMediaEngine;
import dev.lightbox.server.migration.MigrationRoutes;
import dev.lightbox.server.serving.ContentAnswers;
import dev.lightbox.server.serving.ContentRoutes;
import dev.lightbox.server.serving.ContentService;
import dev.lightbox.server.serving.FastContent;
import dev.lightbox.server.storage.LibraryStorage;
import dev.lightbox.server.storage.ObjectCache;
import dev.lightbox.server.storage.StoreFactory;
import dev.lightbox.server.storage.TemporarySweeps;
import dev.lightbox.server.system.Metrics;
import dev.lightbox.server.system.SystemRoutes;
import dev.lightbox.storage.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
  private final StoreIntentSweeps intentSweeps;

  private LightboxServer(ServerConfig config, Catalog catalog, LibraryStorage storage, MediaEngine media,
      HttpServer http, TemporarySweeps sweeps, StoreIntentSweeps intentSweeps) {
    this.config = config;
    this.catalog = catalog;
    this.storage = storage;
    this.media = media;
    this.http = http;
    this.sweeps = sweeps;
    this.intentSweeps = intentSweeps;
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
      intentSweeps.close();
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
        StoreIntents intents = new StoreIntents(catalog.jdbi(), StoreIntents.instanceId(config.dataDir()),
            StoreIntents.newBootId());
        HttpServer http = serve(config, catalog, storage, media, intents, clock, announce);
        // Leftovers of writes killed with an earlier process (days old, never a write in progress).
        TemporarySweeps sweeps = TemporarySweeps.start(storage, TemporarySweeps.DAILY);
        // Objects of uploads killed before their commit: this data dir's earlier runs at once, others after a grace.
        StoreIntentSweeps intentSweeps = new StoreIntentSweeps(intents, catalog.objects(), storage,
            StoreIntentSweeps.DEFAULT_GRACE, StoreIntentSweeps.DEFAULT_INTERVAL).start();
        return new LightboxServer(config, catalog, storage, media, http, sweeps, intentSweeps);
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

    /** The one place where services are built and given their routes. */
    private static HttpServer serve(ServerConfig config, Catalog catalog, LibraryStorage storage, MediaEngine media,
        StoreIntents intents, Clock clock, Consumer<String> announce) {
      Metrics metrics = new Metrics();
      UploadSpooler spooler = new UploadSpooler(config.tempDir(), config.maxUploadBytes());
      AssetService assets = new AssetService(catalog, intents, storage, clock);
      AuthService auth = new AuthService(catalog, config.sessionTtl(), clock);
      UserService users = new UserService(catalog, assets, auth);
      IngestService ingest = new IngestService(catalog, intents, storage, media,
          new KeyTemplate(config.storageTemplate()), spooler);
      ObjectCache cache = new ObjectCache(config.cacheBytes(), ContentService.SMALL_OBJECT);
      ContentService content = new ContentService(assets, storage, cache, config.s3ServeMode(),
          config.presignedUrlExpiry(), clock);
      ContentAnswers answers = new ContentAnswers();
      MigrationRoutes migrations = new MigrationRoutes(catalog, storage);
      LibraryRoutes libraries = new LibraryRoutes(new LibraryService(catalog.jdbi(), catalog.assets(), storage, media,
          spooler, config.dataDir(), config.libraryRescanInterval(), config.libraryWatch(), clock));
      metrics.gauge("lightbox_assets", assets::count);
      metrics.counter("lightbox_object_cache_hits_total", cache::hits);
      metrics.counter("lightbox_object_cache_misses_total", cache::misses);
      metrics.gauge("lightbox_object_cache_bytes", cache::size);
      metrics.gauge("lightbox_password_hashes_in_flight", AuthService::passwordHashesInFlight);
      metrics.counter("lightbox_password_hashes_refused_total", AuthService::passwordHashesRefused);

      List<Route> routes = new ArrayList<>();
      routes.addAll(new SystemRoutes(catalog, storage, media, metrics, () -> routes, HttpServer.version(),
          config.operations().metricsToken()).routes());
      routes.addAll(new AccountRoutes(auth, users, config.secureCookies()).routes());
      SidecarService sidecars = new SidecarService(catalog.assets(), storage);
      routes.addAll(new AssetRoutes(ingest, assets, spooler, metrics, sidecars).routes());
      routes.addAll(new SidecarRoutes(sidecars, assets, storage,
          new UploadSpooler(config.tempDir(), Sidecars.MAX_BYTES)).routes());
      routes.addAll(new IngestRoutes(catalog.assets()).routes());
      routes.addAll(new ContentRoutes(content, answers).routes());
      routes.addAll(new DownloadRoutes(new DownloadService(catalog.assets(), storage)).routes());
      routes.addAll(migrations.routes());
      routes.addAll(libraries.routes());
      routes.addAll(new MarkRoutes(assets).routes());
      routes.addAll(new TrashRoutes(assets).routes());
      routes.addAll(new AlbumRoutes(new AlbumService(new AlbumRepository(catalog.jdbi()), clock)).routes());
      TrashPurge purge = TrashPurge.of(assets, Duration.ofDays(config.trashDays()), TrashPurge.HOURLY);

      users.ensureFirstAdmin(config.adminEmail(), config.adminPassword(), password -> announce.accept(
          "Created the admin " + config.adminEmail() + " with the generated password: " + password
              + "\n  (shown only this once; set LIGHTBOX_ADMIN_PASSWORD before the first start to choose it)"));
      // A running migration job stops with the listener (it stays resumable); so does library scanning.
      return HttpServer.start(config, routes, auth, metrics, new FastContent(auth, content, answers, metrics),
          List.of(migrations, libraries, purge));
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
      // Everything in tmp/ belongs to an earlier run of this server (one server per data dir): spooled uploads
      // and render outputs, with the hidden files the media tools write beside them, left by a killed process.
      try (Stream<Path> leftovers = Files.walk(config.tempDir())) {
        for (Path p : leftovers.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(config.tempDir())) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "cannot prepare the data dir "
          + config.dataDir() + ": " + e.getMessage() + "; set LIGHTBOX_DATA_DIR to a writable directory", e);
    }
  }
}
