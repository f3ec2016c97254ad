/** The one cache policy of the server: a bounded, weighted cache with optional time to live. */
package dev.lightbox.server.cache;
