/**
 * The catalog database: the pool, the schema migrations (SQLite or PostgreSQL) and transactions
 * ({@link dev.lightbox.server.catalog.Catalog#inTransaction}). Each feature keeps its repository in its own
 * package; a repository joins a caller's transaction through {@link dev.lightbox.server.catalog.Db}.
 */
package dev.lightbox.server.catalog;
