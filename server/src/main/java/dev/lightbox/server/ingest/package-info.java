/**
 * Ingest: everything that brings files into the library. Today an HTTP upload is spooled, sniffed, hashed,
 * deduplicated by SHA-256, stored and catalogued ({@link dev.lightbox.server.ingest.IngestService}); bulk
 * import, watched folders and libraries kept in place land here as well.
 */
package dev.lightbox.server.ingest;
