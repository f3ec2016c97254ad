/**
 * The migration engine. Who writes SQL on which tables:
 *
 * <ul>
 *   <li>The migration's own tables ({@code V2__migration_journal.sql}) belong here: {@code migration_batches}
 *       to {@link dev.lightbox.server.migration.internal.Journal}, {@code migration_items} to
 *       {@link dev.lightbox.server.migration.internal.JournalItems}, {@code migration_lease} to
 *       {@link dev.lightbox.server.migration.internal.Lease}.
 *   <li>The catalog's tables (assets, renditions, users, ...) are only read and written through the catalog's
 *       repositories ({@link dev.lightbox.server.assets.ObjectRepository} mostly). Where a catalog change must
 *       commit together with a journal row (a switch and its item, a plan and what it read), the repository is
 *       bound to the migration's transaction with {@code on(handle)}.
 * </ul>
 */
package dev.lightbox.server.migration.internal;
