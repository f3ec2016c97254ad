package dev.lightbox.server.http;

/** Who may call a route. */
public enum Access {
  PUBLIC, USER, ADMIN
}
