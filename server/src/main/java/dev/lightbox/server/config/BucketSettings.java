package dev.lightbox.server.config;

import dev.lightbox.storage.s3.S3Config;

/**
 * The bucket as the server would use it, for commands that work on the bucket alone.
 *
 * @param s3 the store's settings, or null when no bucket is set
 * @param serveMode how the server hands the bucket's objects to browsers
 * @param logLevel LIGHTBOX_LOG_LEVEL, for the command to apply
 */
public record BucketSettings(S3Config s3, ServeMode serveMode, String logLevel) {
}
