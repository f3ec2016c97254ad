package dev.lightbox.server;

/** Placeholder. */
public final class LightboxServer {
}
