/** Share links and public views of shared assets and albums (to come: see the library issue). */
package dev.lightbox.server.sharing;
