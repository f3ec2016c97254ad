package dev.lightbox.storage.testkit;

/**
 * The behaviour every {@code BlobStore} must show. A backend's test extends this class, implements
 * {@link #openStore()}, and inherits every suite: round trips, ranges and metadata, listings, deletes,
 * copy/move/concurrency and presigned URLs. Capability flags skip what a backend cannot do, and nothing
 * else.
 */
public abstract class BlobStoreContract extends PresignContract {
}
