/**
 * Albums: an owner's named sets of their assets (create, rename, delete with the assets kept, add and remove
 * assets, an explicit cover or the newest asset), listed with counts. Only the owner sees or changes an album;
 * another user's album is answered like a missing one. The album's assets are listed through
 * {@code GET /api/assets?album=}; assets in the trash are left out of listings, counts and covers.
 */
package dev.lightbox.server.albums;
