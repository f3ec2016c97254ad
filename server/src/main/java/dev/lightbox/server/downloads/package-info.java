/**
 * Downloads of many assets as one ZIP archive: {@link dev.lightbox.server.downloads.DownloadService} turns a
 * list of asset ids (a selection now; an album's or a share's ids later, the same way) into a
 * {@link dev.lightbox.server.downloads.ZipDownload}, whose exact length is known before a byte is read and
 * which streams the originals one at a time through the library's stores. The archive format itself is
 * in {@code internal} ({@code ZipLayout}, {@code StreamingZipWriter}, {@code ArchiveNames}).
 */
package dev.lightbox.server.downloads;
