/** The media engine the server uses (thumbnails, previews, metadata through the media module), or a basic one when processing is unavailable. */
package dev.lightbox.server.media;
