package dev.lightbox.server.internal.http;

/** Who may call a route. */
public enum Access {
  PUBLIC, USER, ADMIN
}
