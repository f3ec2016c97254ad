/**
 * Assets: the catalog rows of originals, renditions and sidecar files ({@link dev.lightbox.server.assets.Asset},
 * {@link dev.lightbox.server.assets.Location}), their repositories (the only SQL on the asset tables), listing,
 * deleting and the upload route. How their bytes are answered over HTTP lives in {@code serving}; how files
 * come in lives in {@code ingest}. Favourites, ratings, tags and the trash live here too ({@link
 * dev.lightbox.server.assets.AssetMarking}, {@link dev.lightbox.server.assets.TrashPurge}); albums in {@code albums}.
 */
package dev.lightbox.server.assets;
