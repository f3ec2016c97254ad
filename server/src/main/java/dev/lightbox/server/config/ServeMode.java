package dev.lightbox.server.config;

/** How objects stored in S3 reach clients: a 302 to a presigned URL, or streamed through the server. */
public enum ServeMode {
  REDIRECT, PROXY
}
