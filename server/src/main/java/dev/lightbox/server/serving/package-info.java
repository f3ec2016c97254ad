/**
 * Serving an asset's bytes: {@link dev.lightbox.server.serving.ContentService} makes the one decision
 * (not modified, precondition failed, redirect, bytes, stream with range) as a
 * {@link dev.lightbox.server.serving.ContentPlan}; the general route and the fast path both write that plan
 * with {@link dev.lightbox.server.serving.ContentAnswers}. Every byte is read through the stores
 * ({@code BlobStore}); caches use the one policy of {@code cache.BoundedCache}.
 */
package dev.lightbox.server.serving;
