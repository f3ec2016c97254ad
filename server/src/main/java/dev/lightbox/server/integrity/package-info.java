/** Integrity: scrubbing stored objects against the catalog, replicas and catalog backups (to come: see the data-safety issue). */
package dev.lightbox.server.integrity;
