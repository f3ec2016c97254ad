/** The library's stores (disk and S3) opened from the configuration, the small-object cache and the sweeps of temporary leftovers. */
package dev.lightbox.server.storage;
