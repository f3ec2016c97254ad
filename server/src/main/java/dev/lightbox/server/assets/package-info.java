/**
 * Assets: the catalog rows of originals, renditions and sidecar files ({@link dev.lightbox.server.assets.Asset},
 * {@link dev.lightbox.server.assets.Location}), their repositories (the only SQL on the asset tables), listing,
 * deleting and the upload route. How their bytes are answered over HTTP lives in {@code serving}; how files
 * come in lives in {@code ingest}. Albums, favourites, ratings and tags belong here.
 */
package dev.lightbox.server.assets;
