package dev.lightbox.server.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lightbox.server.ServerException;
import dev.lightbox.server.accounts.ApiKeyRepository;
import dev.lightbox.server.accounts.SessionRepository;
import dev.lightbox.server.accounts.UserRepository;
import dev.lightbox.server.assets.AssetRepository;
import dev.lightbox.server.assets.ObjectRepository;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog database: a connection pool, the schema brought up to date by versioned migrations, and the
 * thin repositories over it. SQLite ({@code jdbc:sqlite:}) or PostgreSQL ({@code jdbc:postgresql:}).
 *
 * <p>The repositories hold every statement on the catalog's tables (users, api_keys, sessions, assets,
 * renditions). Each call takes its own connection and, when it writes several rows, its own transaction. To
 * make several calls atomic, or atomic with writes to other tables (the migration journal), run them in
 * {@link #inTransaction} on repositories bound to its handle: {@code catalog.objects().on(handle)}.
 */
public final class Catalog implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final boolean postgres;
  private final UserRepository users;
  private final ApiKeyRepository apiKeys;
  private final SessionRepository sessions;
  private final AssetRepository assets;
  private final ObjectRepository objects;

  private Catalog(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.jdbi = Jdbi.create(dataSource);
    this.users = new UserRepository(jdbi);
    this.apiKeys = new ApiKeyRepository(jdbi);
    this.sessions = new SessionRepository(jdbi);
    this.assets = new AssetRepository(jdbi);
    this.objects = new ObjectRepository(jdbi);
  }

  /** Opens the pool and migrates the schema; fails with a message naming the database and the fix. */
  public static Catalog open(String url, String user, String password) {
    boolean postgres = url.startsWith("jdbc:postgresql:");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setPoolName("lightbox-catalog");
    if (user != null) {
      hc.setUsername(user);
    }
    if (password != null) {
      hc.setPassword(password);
    }
    if (postgres) {
      hc.setMaximumPoolSize(16);
    } else {
      hc.setMaximumPoolSize(8);
      hc.addDataSourceProperty("foreign_keys", "true");
      hc.addDataSourceProperty("journal_mode", "WAL");
      hc.addDataSourceProperty("synchronous", "NORMAL");
      hc.addDataSourceProperty("busy_timeout", "15000");
      hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "cannot open the catalog at "
          + redact(url) + ": " + rootMessage(e) + "; check LIGHTBOX_DB_URL and that the database is reachable", e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new ServerException(ServerException.Kind.UNAVAILABLE, "cannot migrate the catalog at " + redact(url)
          + ": " + rootMessage(e) + "; check the database user may create tables", e);
    }
    return new Catalog(ds, postgres);
  }

  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public boolean isPostgres() {
    return postgres;
  }

  public UserRepository users() {
    return users;
  }

  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  public SessionRepository sessions() {
    return sessions;
  }

  public AssetRepository assets() {
    return assets;
  }

  /** Where each stored object is, by object: what moves objects (migration) reads and switches. */
  public ObjectRepository objects() {
    return objects;
  }

  /** Runs {@code work} in one transaction; repositories {@code on(handle)} join it. */
  public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    return jdbi.inTransaction(work);
  }

  /** Runs {@code work} in one transaction; repositories {@code on(handle)} join it. */
  public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
    jdbi.useTransaction(work);
  }

  /** True when the database answers a trivial query. */
  public boolean ping() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
