/**
 * Ingest: everything that brings files into the library. Today an HTTP upload is spooled, sniffed, hashed,
 * deduplicated by SHA-256, stored and catalogued ({@link dev.lightbox.server.ingest.IngestService}); metadata
 * files next to an image (A1111 .txt, .json, .xmp) are kept with its asset and merged into its metadata where the
 * image has none ({@link dev.lightbox.server.ingest.SidecarService}); bulk import, watched folders and libraries
 * kept in place land here as well.
 */
package dev.lightbox.server.ingest;
