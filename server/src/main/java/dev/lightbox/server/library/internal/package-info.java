/**
 * How libraries in place are read and scanned: read-only stores over a directory ({@code ReadOnlyDiskStore})
 * and a bucket prefix, the listing of either ({@code LibrarySource}), which files are assets and which are
 * other tools' by-products ({@code Layouts}), turning one file into a catalog asset ({@code Cataloguer}), one
 * scan ({@code Scan}) and the watching of disk libraries ({@code DiskWatcher}).
 */
package dev.lightbox.server.library.internal;
