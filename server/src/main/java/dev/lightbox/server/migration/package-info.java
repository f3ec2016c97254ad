/**
 * Moving a library between disk and S3: {@link dev.lightbox.server.migration.Migrator} plans a journalled
 * batch, copies and verifies each object, switches the catalog row and deletes (or keeps) the source; resumable
 * after a kill, reversible by rollback. {@link dev.lightbox.server.migration.MigrationRoutes} is its admin API;
 * the CLI runs the same engine.
 */
package dev.lightbox.server.migration;
