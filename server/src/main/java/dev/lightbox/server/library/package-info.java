/**
 * Libraries in place: an admin registers an existing folder or bucket prefix, and the server catalogues the
 * images and videos in it where they are (originals at {@code library:<id>/<key>} locations, read through a
 * read-only store), makes renditions into the normal write backend, and keeps the catalogue current (disk:
 * file-system watching plus periodic rescans; S3: periodic listings). A removed file makes its asset offline;
 * nothing in a library is ever written or deleted. {@link dev.lightbox.server.library.LibraryRoutes} is the
 * admin API, {@link dev.lightbox.server.library.LibraryService} the lifecycle, {@code internal} the scanning.
 */
package dev.lightbox.server.library;
