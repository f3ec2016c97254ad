package dev.lightbox.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh catalog databases for tests: a SQLite file, or a new database in one real PostgreSQL server
 * started once per test JVM from the Maven Central binaries (no set-up needed).
 */
public final class TestDatabases {
  public static final String SQLITE = "sqlite";
  public static final String POSTGRES = "postgres";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {
  }

  /** A JDBC URL (user and password inside it for PostgreSQL) of an empty database. */
  public static String newDatabase(String kind, Path dir) {
    if (SQLITE.equals(kind)) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "jdbc:sqlite:" + dir.resolve("catalog-" + COUNTER.incrementAndGet() + ".db");
    }
    EmbeddedPostgres pg = postgres();
    String name = "lightbox_test_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return postgres;
  }
}
