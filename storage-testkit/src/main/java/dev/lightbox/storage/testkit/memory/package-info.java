/** A strict in-memory BlobStore for tests, with a check for leaked streams. */
package dev.lightbox.storage.testkit.memory;
